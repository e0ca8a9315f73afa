package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's event files are read in name order, by TensorBoard and by the reader: each new file's
 * name sorts after those already there, even when it is started within the same second by a process
 * whose pid or host sorts lower (a job's retry resuming the run).
 */
class EventFileNamesSortInWritingOrderTest {
  @TempDir Path dir;

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileStartedInTheSameSecondByALowerPidSortsLast() throws Exception {
    EventFileWriter.create(dir, 1_700_000_000.2, "host", 900).close();
    EventFileWriter.create(dir, 1_700_000_000.7, "host", 10_000).close();
    EventFileWriter.create(dir, 1_700_000_000.9, "another", 5).close();
    assertThat(names())
        .containsExactly(
            "events.out.tfevents.1700000000.host.900.0",
            "events.out.tfevents.1700000001.host.10000.0",
            "events.out.tfevents.1700000002.another.5.0");
  }

  @Test
  void aLaterSecondKeepsItsOwnTime() throws Exception {
    EventFileWriter.create(dir, 1_700_000_000, "host", 900).close();
    EventFileWriter.create(dir, 1_700_000_005, "host", 10).close();
    assertThat(names())
        .containsExactly(
            "events.out.tfevents.1700000000.host.900.0",
            "events.out.tfevents.1700000005.host.10.0");
  }
}
