package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader refuses corrupt records with the file and offset, reads up to a truncated last record,
 * and never trusts a length field whose CRC fails.
 */
class ReaderFaultToleranceTest {
  @TempDir Path root;
  private Path file;
  private long[] recordOffsets;

  @BeforeEach
  void writeARun() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("tensorboard").open()) {
      for (int s = 0; s < 10; s++) {
        run.scalar("x", s, s);
      }
    }
    file = TensorBoardRuns.eventFiles(root.resolve("r")).get(0);
    byte[] b = Files.readAllBytes(file);
    java.util.List<Long> offsets = new java.util.ArrayList<>();
    for (int off = 0; off < b.length; ) {
      offsets.add((long) off);
      off += (int) TfRecords.getLongLe(b, off) + TfRecords.OVERHEAD;
    }
    recordOffsets = offsets.stream().mapToLong(Long::longValue).toArray();
  }

  private void flipByteAt(long offset) throws Exception {
    byte[] b = Files.readAllBytes(file);
    b[(int) offset] ^= 0x5a;
    Files.write(file, b);
  }

  @Test
  void aPayloadWithAWrongCrcEndsTheFileNamingFileAndOffsetAndKeepsWhatCameBefore() throws Exception {
    long victim = recordOffsets[5];
    flipByteAt(victim + TfRecords.HEADER + 3);
    RunLog run = TensorBoardRuns.readRun(root.resolve("r"), "r");
    assertThat(run.warnings()).singleElement().asString()
        .contains(file.toString())
        .contains("offset " + victim)
        .contains("payload CRC");
    // records 0..4 are the file version, the session start and scalars 0..2
    assertThat(run.scalars("x")).hasSize(3);
  }

  @Test
  void aCorruptLengthEndsTheFileWithoutAllocatingFromIt() throws Exception {
    long victim = recordOffsets[4];
    byte[] b = Files.readAllBytes(file);
    // a length of ~2^62: trusting it would try to allocate exabytes
    b[(int) victim + 7] = 0x40;
    Files.write(file, b);
    RunLog run = TensorBoardRuns.readRun(root.resolve("r"), "r");
    assertThat(run.warnings()).singleElement().asString()
        .contains("offset " + victim)
        .contains("length CRC");
    assertThat(run.scalars("x")).hasSize(2);
  }

  @Test
  void aTruncatedLastRecordIsToleratedAndReported() throws Exception {
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5);
    }
    RunLog run = TensorBoardRuns.readRun(root.resolve("r"), "r");
    assertThat(run.warnings()).singleElement().asString().contains("cut short");
    // the session end was the last record; every scalar survives
    assertThat(run.scalars("x")).hasSize(10);
  }

  @Test
  void aRecordCutInsideItsHeaderIsTolerated() throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(recordOffsets[8] + 6);
    }
    RunLog run = TensorBoardRuns.readRun(root.resolve("r"), "r");
    assertThat(run.warnings()).hasSize(1);
    // records: file version, session start, then the scalars: records 2..7 survive
    assertThat(run.scalars("x")).hasSize(6);
  }
}
