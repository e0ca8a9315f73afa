package dev.dltrack.tracker.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunExistsException;
import dev.dltrack.tracker.RunLockedException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs written to an S3 server (s3proxy, in-process on loopback) through the tracker's public API:
 * what they store reads back as the same run written to a local disk, every flush stores what was
 * logged before it as new objects only, one writer per run, and the errors of a wrong URI.
 */
class RunsOnAnS3StoreTest {
  @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension("dltrack-runs");

  private static String root(String name) {
    return S3.root(name);
  }

  /** Logs the same things into {@code run}: scalars with flushes in between, and the rest. */
  private static void logInto(Run run, ManualClock clock) throws IOException {
    Random random = new Random(3);
    for (int step = 0; step < 300; step++) {
      clock.advanceMillis(10);
      run.scalar("train/loss", step, 2.0 / (1 + step) + random.nextDouble() * 1e-3);
      if (step % 50 == 49) {
        run.scalar("val/accuracy", step, step / 300.0);
        float[] weights = new float[500];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = (float) random.nextGaussian();
        }
        run.histogram("layer0/W", step, weights);
        run.summary("best/accuracy", step / 300.0);
        run.flush();
      }
    }
    run.text("notes", 0, "a *markdown* note");
    run.image("samples", 0, new byte[][] {{0, 64}, {(byte) 128, (byte) 255}});
  }

  @Test
  void aRunOnTheStoreReadsBackAsTheSameRunOnALocalDisk(@TempDir Path local) throws Exception {
    String root = root("same-as-local");
    ManualClock storeClock = new ManualClock(1_700_000_000_000L);
    try (Run run =
        Run.builder("r").logRoot(root).clock(storeClock).config(Map.of("lr", 1e-3)).open()) {
      assertThat(run.location()).isEqualTo(root + "/r");
      logInto(run, storeClock);
    }
    ManualClock localClock = new ManualClock(1_700_000_000_000L);
    try (Run run =
        Run.builder("r").logRoot(local).clock(localClock).config(Map.of("lr", 1e-3)).open()) {
      logInto(run, localClock);
    }
    RunLog stored = LogRoot.read(root).run("r").orElseThrow();
    RunLog onDisk = LogRoot.read(local).run("r").orElseThrow();
    assertThat(stored.warnings()).isEmpty();
    assertThat(stored.scalars()).isEqualTo(onDisk.scalars());
    assertThat(stored.scalars("train/loss")).hasSize(300);
    assertThat(stored.histograms()).isEqualTo(onDisk.histograms());
    assertThat(stored.texts()).isEqualTo(onDisk.texts());
    assertThat(stored.images().keySet()).isEqualTo(onDisk.images().keySet());
    assertThat(stored.session()).isEqualTo(onDisk.session());

    try (LogStore store = LogStores.open(root, Map.of())) {
      List<StoredObject> objects = store.list("r/");
      // each explicit flush that grew the event file stored its new bytes as the next part
      assertThat(objects.stream().map(StoredObject::key))
          .anyMatch(k -> k.contains("tfevents") && k.endsWith(".part-00000005"));
      // nothing stored twice: the objects add up to about the same run's files on disk (names
      // and ids of the same length, a few bytes of times and paths may differ)
      long storedBytes = objects.stream().mapToLong(StoredObject::size).sum();
      long diskBytes;
      try (Stream<Path> files = Files.walk(local.resolve("r"))) {
        diskBytes =
            files
                .filter(Files::isRegularFile)
                .mapToLong(
                    p -> {
                      try {
                        return Files.size(p);
                      } catch (IOException e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .sum();
      }
      assertThat((double) storedBytes).isBetween(0.98 * diskBytes, 1.02 * diskBytes);
    }
  }

  @Test
  void flushReturnsOnceWhatWasLoggedIsStored() throws Exception {
    String root = root("flush");
    try (Run run = Run.builder("r").logRoot(root).flushInterval(Duration.ofHours(1)).open()) {
      for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < 10; i++) {
          run.scalar("loss", (round - 1) * 10L + i, i);
        }
        run.flush();
        // another reader, while the run is open
        RunLog seen = LogRoot.read(root).run("r").orElseThrow();
        assertThat(seen.scalars("loss")).as("after flush %d", round).hasSize(10 * round);
      }
    }
  }

  @Test
  void aRunThatLogsFastIsStoredAsItGoesWithoutAFlush() throws Exception {
    String root = root("by-size");
    int steps = 60_000;
    try (Run run =
            Run.builder("r")
                .logRoot(root)
                .flushInterval(Duration.ofHours(1))
                .storeFlushBytes(256 << 10)
                .open();
        LogStore store = LogStores.open(root, Map.of())) {
      for (int step = 0; step < steps; step++) {
        run.scalar("loss", step, 1.0 / (step + 1));
      }
      // no flush() and an hour's interval: what the store holds now was sent because enough bytes
      // were waiting, while the run goes on
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<String> parts = List.of();
      while (parts.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        parts =
            store.list("r/").stream()
                .map(StoredObject::key)
                .filter(k -> k.contains("tfevents") && k.contains(".part-"))
                .toList();
      }
      assertThat(parts).as("parts of the event file stored before any flush").isNotEmpty();
      assertThat(LogRoot.read(root).run("r").orElseThrow().scalars("loss")).isNotEmpty();
    }
    RunLog stored = LogRoot.read(root).run("r").orElseThrow();
    assertThat(stored.warnings()).isEmpty();
    var loss = stored.scalars("loss");
    assertThat(loss).hasSize(steps);
    for (int i = 0; i < steps; i++) {
      assertThat(loss.get(i).step()).isEqualTo(i);
      assertThat(loss.get(i).value()).isCloseTo(1.0 / (i + 1), within(1e-7));
    }
  }

  @Test
  void ofManyWritersOpeningOneRunExactlyOneWins() throws Exception {
    String root = root("race");
    for (int trial = 0; trial < 8; trial++) {
      String name = "r" + trial;
      int writers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Run>> opened = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          opened.add(
              pool.submit(
                  () -> {
                    go.await();
                    return Run.builder(name).logRoot(root).formats("tensorboard").open();
                  }));
        }
        go.countDown();
        List<Run> won = new ArrayList<>();
        int refused = 0;
        for (Future<Run> f : opened) {
          try {
            won.add(f.get());
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RunLockedException.class);
            assertThat(e.getCause()).hasMessageContaining(name).hasMessageContaining("host=");
            refused++;
          }
        }
        assertThat(won).as("trial %d", trial).hasSize(1);
        assertThat(refused).isEqualTo(writers - 1);
        won.get(0).scalar("x", 0, 1);
        won.get(0).close();
      } finally {
        pool.shutdownNow();
      }
      // the lock is gone with the writer: the run exists now, and overwrite() replaces it
      assertThat(Run.exists(root, name)).isTrue();
      Run.builder(name).logRoot(root).formats("tensorboard").overwrite().open().close();
    }
  }

  @Test
  void anExistingRunIsRefusedOverwrittenOrResumed() throws Exception {
    String root = root("exists");
    try (Run run = Run.builder("r").logRoot(root).open()) {
      run.scalar("loss", 0, 1.0);
    }
    assertThatThrownBy(() -> Run.builder("r").logRoot(root).open())
        .isInstanceOf(RunExistsException.class)
        .hasMessageContaining("run 'r' already exists on " + root)
        .hasMessageContaining("resume()");
    try (Run run = Run.builder("r").logRoot(root).resume().open()) {
      run.scalar("loss", 1, 0.5);
    }
    assertThat(LogRoot.read(root).run("r").orElseThrow().scalars("loss"))
        .extracting(p -> p.step())
        .containsExactly(0L, 1L);
    try (Run run = Run.builder("r").logRoot(root).overwrite().open()) {
      run.scalar("loss", 7, 0.25);
    }
    assertThat(LogRoot.read(root).run("r").orElseThrow().scalars("loss"))
        .extracting(p -> p.step())
        .containsExactly(7L);
  }

  @Test
  void aWriterThatLostItsLockStoresNothingMore() throws Exception {
    String root = root("lost");
    Run first =
        Run.builder("r")
            .logRoot(root)
            .formats("tensorboard")
            .lockOwner("task-1")
            .flushInterval(Duration.ofHours(1))
            .open();
    first.scalar("loss", 0, 1.0);
    first.flush();
    // a retry of the same logical writer takes over at once and starts the run anew
    try (Run retry =
        Run.builder("r")
            .logRoot(root)
            .formats("tensorboard")
            .lockOwner("task-1")
            .overwrite()
            .open()) {
      first.scalar("loss", 1, 99.0);
      assertThatThrownBy(first::flush).hasMessageContaining("lost its lock");
      retry.scalar("loss", 5, 0.5);
    }
    assertThatThrownBy(first::close).isInstanceOf(IOException.class);
    assertThat(LogRoot.read(root).run("r").orElseThrow().scalars("loss"))
        .extracting(p -> p.step())
        .containsExactly(5L);
  }

  @Test
  void aMissingBucketFailsAtOpenNamingTheUriAndChangesNothing() {
    assertThatThrownBy(() -> Run.builder("r").logRoot("s3://no-such-bucket/logs").open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-bucket");
  }

  @Test
  void anUnreachableEndpointFailsAtOpenInSeconds() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Run.builder("r")
                    .logRoot(root("unreachable"))
                    .option("s3.endpoint", "http://127.0.0.1:1")
                    .open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("127.0.0.1:1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void wrongCredentialsFailAtOpenSayingWhatToCheck() {
    String right = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.secretAccessKey", "wrong");
    try {
      assertThatThrownBy(() -> Run.builder("r").logRoot(root("creds")).open())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("AWS_ACCESS_KEY_ID");
    } finally {
      System.setProperty("aws.secretAccessKey", right);
    }
  }

  @Test
  void withoutTheModuleTheMessageSaysWhichToAdd() {
    assertThatThrownBy(() -> Run.builder("r").logRoot("gs://bucket/logs").open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev.dltrack:tracker-hadoop");
  }
}
