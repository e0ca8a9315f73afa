package dev.dltrack.tracker.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's range is read as exactly its bytes, by several readers at once, from a kept file. */
class FileRangeTest {
  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void streamsAndReadsExactlyTheRangeWithoutMovingTheChannel(@TempDir Path dir) throws IOException {
    byte[] content = bytes(300_000);
    Path file = Files.write(dir.resolve("f"), content);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(17);
      FileRange range = new FileRange(ch, 1000, 250_000);
      byte[] expected = Arrays.copyOfRange(content, 1000, 251_000);
      assertThat(range.read()).isEqualTo(expected);
      // two streams at once, as a store that hashes the payload before sending it reads it
      try (InputStream a = range.openStream();
          InputStream b = range.openStream()) {
        byte[] firstOfA = a.readNBytes(4096);
        assertThat(b.readAllBytes()).isEqualTo(expected);
        byte[] restOfA = a.readAllBytes();
        byte[] all = new byte[firstOfA.length + restOfA.length];
        System.arraycopy(firstOfA, 0, all, 0, firstOfA.length);
        System.arraycopy(restOfA, 0, all, firstOfA.length, restOfA.length);
        assertThat(all).isEqualTo(expected);
        assertThat(a.read()).isEqualTo(-1);
      }
      assertThat(ch.position()).isEqualTo(17);
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void aFileReplacedByARenameIsReadAsItWasWhenKeptOpen(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("summary.json"), "old".getBytes(UTF_8));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Path next = Files.write(dir.resolve("summary.json.tmp"), "newer".getBytes(UTF_8));
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
      assertThat(new String(new FileRange(ch, 0, 3).read(), UTF_8)).isEqualTo("old");
    }
  }

  @Test
  void aRangePastTheFilesEndFailsSayingSo(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("f"), bytes(100));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      FileRange range = new FileRange(ch, 50, 80);
      assertThatThrownBy(range::read).hasMessageContaining("ended before byte 130");
      assertThatThrownBy(() -> range.openStream().readAllBytes())
          .hasMessageContaining("ended before byte 130");
    }
  }
}
