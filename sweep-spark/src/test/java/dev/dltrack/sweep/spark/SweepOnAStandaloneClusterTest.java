package dev.dltrack.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.testsupport.TinyDataset;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.s3.S3ServerProcess;
import dev.dltrack.tracker.s3.StoreProperties;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep submitted to a real standalone Spark cluster (a master and a worker in their own JVMs,
 * on loopback): a 2-scheme x 2-seed, 1-epoch sweep on a small data set in each storage mode, the
 * shared one with the executor killed mid-run (each sweep costs a new application's executor start,
 * so the clean shared-storage sweep is not run apart: the killed one must end the same). Each time
 * the log root is read back with the tracker's reader and served by real TensorBoard: every run
 * there once, SUCCESS, with its whole history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SweepOnAStandaloneClusterTest {
  private static final List<String> RUNS =
      List.of("zeros-s1", "zeros-s2", "he-normal-s1", "he-normal-s2");
  private static final Map<String, String> SPARK =
      Map.of(
          "spark.executor.memory", "640m",
          "spark.executor.extraJavaOptions", "-XX:+UseSerialGC",
          "spark.task.maxFailures", "4");

  @TempDir static Path dir;
  private StandaloneCluster cluster;
  private volatile List<String> killedExecutorArguments = List.of();
  private Path small;
  private Path larger;

  @BeforeAll
  void startCluster() throws Exception {
    SPARK.forEach(System::setProperty);
    small = TinyDataset.write(dir.resolve("small"), 600, 100);
    larger = TinyDataset.write(dir.resolve("larger"), 1800, 100);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, "1500m");
  }

  @AfterAll
  void stopCluster() {
    SPARK.keySet().forEach(System::clearProperty);
    if (cluster != null) {
      cluster.close();
    }
  }

  private String sweep(Path data, String storage, Path logs, String batch) throws Exception {
    try {
      return LocalSparkMatchesThePlainSweepTest.sweep(
          LocalSparkMatchesThePlainSweepTest.small(data)
              .batch(Integer.parseInt(batch))
              .backend("spark")
              .option("master", cluster.url())
              .option("logs", storage)
              .logRoot(logs));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "\n" + cluster.problem().orElse("") + "\n" + cluster.executorLogs(), e);
    }
  }

  @Test
  void withoutSharedStorageTheRunsComeBackToTheDriverWhole() throws Exception {
    Path logs = dir.resolve("copied-logs");
    String text = sweep(small, "copy", logs, "50");
    assertThat(text).doesNotContain("FAILURE");
    assertWhole(logs, 10);
  }

  @Test
  void onASharedLogRootAKilledExecutorsRunsAreRetriedIntoOneCleanHistory() throws Exception {
    Path logs = dir.resolve("killed-logs");
    Files.createDirectories(logs);
    CompletableFuture<Long> killed =
        CompletableFuture.supplyAsync(() -> killExecutorOnceARunIsOpen(logs));
    String text = sweep(larger, "shared", logs, "25");
    assertThat(killed.get(10, TimeUnit.SECONDS)).as("the killed executor's pid").isPositive();
    // the executors got the launcher's JavaCPP setting and shape cache beside the user's options
    assertThat(killedExecutorArguments)
        .contains(SparkSweep.NO_PHYSICAL_MEMORY_CHECK, SparkSweep.SHAPE_CACHE, "-XX:+UseSerialGC");
    assertThat(text)
        .contains("on Spark " + cluster.url())
        .contains("attempt 1 of 4 failed")
        .contains("Spark retries it");
    // the table: every run SUCCESS in the end
    String table = text.substring(text.lastIndexOf("scheme "));
    assertThat(table.lines().filter(l -> l.contains("SUCCESS"))).hasSize(4);
    assertThat(table).doesNotContain("FAILURE");
    // 1800 images less 300 held out, in batches of 25
    assertWhole(logs, 60);
  }

  @Test
  void onAStoreEveryTaskWritesStraightThereAndARetryReplacesItsKilledAttempt() throws Exception {
    String options = SPARK.get("spark.executor.extraJavaOptions");
    // s3proxy in a JVM of its own: its Jetty 12 cannot share Spark's class path
    try (S3ServerProcess server =
        S3ServerProcess.start(Path.of("target", "s3proxy", "s3proxy.jar"))) {
      server.createBucket("sweeps");
      String root = "s3://sweeps/study";
      // the driver reaches the server through system properties, the executors through their JVM
      // options, as a cluster's spark-defaults.conf would give them
      StoreProperties.set(server);
      StringBuilder executorOptions = new StringBuilder(options);
      for (String p : System.getProperties().stringPropertyNames()) {
        if (p.startsWith("aws.") || p.startsWith("dltrack.s3.")) {
          executorOptions.append(" -D").append(p).append('=').append(System.getProperty(p));
        }
      }
      System.setProperty("spark.executor.extraJavaOptions", executorOptions.toString());
      CompletableFuture<Long> killed =
          CompletableFuture.supplyAsync(() -> killExecutorOnceARunIsStored(root));
      String text;
      try {
        text =
            LocalSparkMatchesThePlainSweepTest.sweep(
                LocalSparkMatchesThePlainSweepTest.small(larger)
                    .batch(25)
                    .backend("spark")
                    .option("master", cluster.url())
                    .logRoot(root));
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "\n" + cluster.problem().orElse("") + "\n" + cluster.executorLogs(),
            e);
      }
      assertThat(killed.get(10, TimeUnit.SECONDS)).as("the killed executor's pid").isPositive();
      assertThat(text).contains("attempt 1 of 4 failed").contains("Spark retries it");
      String table = text.substring(text.lastIndexOf("scheme "));
      assertThat(table.lines().filter(l -> l.contains("SUCCESS"))).hasSize(4);
      assertThat(table).doesNotContain("FAILURE");
      // read from the store: each run one history, the killed attempt's objects replaced
      assertWhole(LogRoot.read(root).root(), 60);
    } finally {
      System.setProperty("spark.executor.extraJavaOptions", options);
      StoreProperties.clear();
    }
  }

  /** Waits for a run to have stored its first objects on the store, then kill -9s its executor. */
  private long killExecutorOnceARunIsStored(String root) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    try (LogStore store = LogStores.open(root, Map.of())) {
      while (System.nanoTime() < deadline) {
        boolean stored = store.list("").stream().anyMatch(o -> o.key().contains("tfevents"));
        List<ProcessHandle> executors = cluster.executors();
        if (stored && !executors.isEmpty()) {
          ProcessHandle executor = executors.get(0);
          executor.destroyForcibly(); // SIGKILL
          return executor.pid();
        }
        Thread.sleep(50);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return -1;
  }

  /**
   * Waits for a run to have opened its files in the shared log root, then kill -9s its executor.
   */
  private long killExecutorOnceARunIsOpen(Path logs) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    try {
      while (System.nanoTime() < deadline) {
        boolean open;
        try (Stream<Path> files = Files.walk(logs)) {
          open = files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents"));
        }
        List<ProcessHandle> executors = cluster.executors();
        if (open && !executors.isEmpty()) {
          ProcessHandle executor = executors.get(0);
          killedExecutorArguments = executor.info().arguments().map(List::of).orElse(List.of());
          executor.destroyForcibly(); // SIGKILL
          return executor.pid();
        }
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return -1;
  }

  private static void assertWhole(Path logs, int iterations) throws Exception {
    TfeventsCheck.assertSound(logs);
    try (Stream<Path> entries = Files.list(logs)) {
      // and the runs' lock files, in the hidden .dltrack
      assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dltrack")))
          .as("the log root holds the runs and nothing else")
          .containsExactlyInAnyOrderElementsOf(RUNS);
    }
    LogRoot root = LogRoot.read(logs);
    assertThat(root.warnings()).isEmpty();
    assertThat(root.runs()).extracting(RunLog::name).containsExactlyInAnyOrderElementsOf(RUNS);
    for (RunLog run : root.runs()) {
      assertThat(run.session().orElseThrow().status()).as(run.name()).isEqualTo(RunStatus.SUCCESS);
      try (Stream<Path> files = Files.list(run.directory())) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")))
            .as("%s: one history, one event file", run.name())
            .hasSize(1);
      }
      // one history: every step once, in order, from the first iteration to the last
      assertThat(run.scalars("train/batch_loss"))
          .extracting(ScalarPoint::step)
          .as(run.name())
          .doesNotHaveDuplicates()
          .isSorted()
          .hasSize(iterations);
      assertThat(run.scalars("epoch")).as(run.name()).hasSize(1);
      assertThat(run.scalars("val/accuracy")).as(run.name()).hasSize(1);
      assertThat(run.scalars("test/accuracy")).as(run.name()).hasSize(1);
      assertThat(run.histograms("layer0/W")).as(run.name()).hasSize(2);
      List<Long> wandbSteps =
          WandbRuns.read(run.directory()).history().stream()
              .map(row -> ((Number) row.get("_step")).longValue())
              .toList();
      assertThat(wandbSteps).as(run.name()).doesNotHaveDuplicates().isSorted();
    }
    try (TensorBoard tb = TensorBoard.serve(logs)) {
      assertThat(tb.runs()).containsExactlyInAnyOrderElementsOf(RUNS);
      for (String run : RUNS) {
        JsonNode loss =
            tb.get("/data/plugin/scalars/scalars", "run", run, "tag", "train/batch_loss");
        assertThat(loss.size()).as(run).isEqualTo(iterations);
        JsonNode acc = tb.get("/data/plugin/scalars/scalars", "run", run, "tag", "test/accuracy");
        assertThat(acc.size()).as(run).isEqualTo(1);
      }
    }
  }
}
