package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain file where the run's directories should be: the error says what is in the way and what to
 * do, and opening leaves nothing behind (no orphan event file that would make a run appear).
 */
class FilesInTheWayTest {
  @TempDir Path root;

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.count();
    }
  }

  @Test
  void aRunDirectoryThatIsAFile() throws Exception {
    Files.writeString(root.resolve("r"), "not a directory");
    assertThatThrownBy(() -> Run.builder("r").logRoot(root).open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(root.resolve("r").toString())
        .hasMessageContaining("is a file, not a run directory")
        .hasMessageContaining("remove or rename it");
    assertThat(Files.readString(root.resolve("r"))).isEqualTo("not a directory");
  }

  @Test
  void aLogRootThatIsAFile() throws Exception {
    Path file = root.resolve("logs");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> Run.builder("r").logRoot(file).open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a file, not a log root");
  }

  @Test
  void aWandbDirectoryThatIsAFileLeavesNoEventFileBehind() throws Exception {
    Path dir = Files.createDirectories(root.resolve("r"));
    Files.writeString(dir.resolve("wandb"), "in the way");
    long before = entries(root);
    assertThatThrownBy(() -> Run.builder("r").logRoot(root).resume().open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.resolve("wandb").toString())
        .hasMessageContaining("is a file");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("tfevents"));
    }
    // only the lock file (and its directory) is new, and readers ignore it
    assertThat(entries(root)).isLessThanOrEqualTo(before + 2);
  }

  @Test
  void aFailedOpenOfANewRunRemovesTheDirectoryItCreated() throws Exception {
    Path logs = Files.createDirectories(root.resolve("logs"));
    assertThatThrownBy(() -> Run.builder("r").logRoot(logs).formats("no-such-format").open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown output format 'no-such-format'");
    assertThat(logs.resolve("r")).doesNotExist();
  }
}
