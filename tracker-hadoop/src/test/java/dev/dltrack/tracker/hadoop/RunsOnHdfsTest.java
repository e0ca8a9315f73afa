package dev.dltrack.tracker.hadoop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.tracker.storage.StoredObject;
import dev.dltrack.tracker.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs written to a real HDFS (an in-process MiniDFSCluster) through the tracker's public API: each
 * file of the run is one HDFS file, appended to at every flush, which another reader sees before
 * the run is closed; the run reads back as the same run written to a local disk.
 */
class RunsOnHdfsTest {
  @RegisterExtension static final MiniHdfsExtension HDFS = new MiniHdfsExtension();

  @BeforeAll
  static void pointRunsAtTheCluster() throws IOException {
    Path conf = Files.createTempFile("minihdfs-", "-site.xml");
    System.setProperty("dltrack.hdfs.conf", HDFS.hdfs().writeClientConfiguration(conf).toString());
  }

  @AfterAll
  static void forgetTheCluster() {
    System.clearProperty("dltrack.hdfs.conf");
  }

  private static void logInto(Run run, ManualClock clock) throws IOException {
    Random random = new Random(5);
    for (int step = 0; step < 200; step++) {
      clock.advanceMillis(10);
      run.scalar("train/loss", step, 1.0 / (1 + step));
      if (step % 50 == 49) {
        float[] weights = new float[300];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = (float) random.nextGaussian();
        }
        run.histogram("layer0/W", step, weights);
        run.summary("best", step);
        run.flush();
      }
    }
    run.text("notes", 0, "on *HDFS*");
  }

  @Test
  void aRunOnHdfsReadsBackAsTheSameRunOnALocalDisk(@TempDir Path local) throws Exception {
    String root = HDFS.hdfs().freshDirectory().toString();
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    try (Run run = Run.builder("r").logRoot(root).clock(clock).open()) {
      logInto(run, clock);
    }
    ManualClock localClock = new ManualClock(1_700_000_000_000L);
    try (Run run = Run.builder("r").logRoot(local).clock(localClock).open()) {
      logInto(run, localClock);
    }
    RunLog stored = LogRoot.read(root).run("r").orElseThrow();
    RunLog onDisk = LogRoot.read(local).run("r").orElseThrow();
    assertThat(stored.warnings()).isEmpty();
    assertThat(stored.scalars()).isEqualTo(onDisk.scalars());
    assertThat(stored.histograms()).isEqualTo(onDisk.histograms());
    assertThat(stored.texts()).isEqualTo(onDisk.texts());
    assertThat(stored.session()).isEqualTo(onDisk.session());
    try (LogStore store = LogStores.open(root, Map.of())) {
      List<String> keys = store.list("r/").stream().map(StoredObject::key).toList();
      // appended in place: one file per file of the run, no parts
      assertThat(keys).anyMatch(k -> k.contains("tfevents"));
      assertThat(keys).noneMatch(k -> k.contains(".part-"));
    }
  }

  @Test
  void anotherReaderSeesWhatWasFlushedBeforeTheRunCloses() throws Exception {
    String root = HDFS.hdfs().freshDirectory().toString();
    try (Run run = Run.builder("r").logRoot(root).flushInterval(Duration.ofHours(1)).open()) {
      for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < 20; i++) {
          run.scalar("loss", (round - 1) * 20L + i, i);
        }
        run.flush();
        RunLog seen = LogRoot.read(root).run("r").orElseThrow();
        assertThat(seen.scalars("loss")).as("after flush %d", round).hasSize(20 * round);
      }
    }
  }
}
