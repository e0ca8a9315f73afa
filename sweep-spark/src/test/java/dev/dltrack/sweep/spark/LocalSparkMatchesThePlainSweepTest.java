package dev.dltrack.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.TinyDataset;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.testing.WandbCheck;
import dev.dltrack.tracker.wandb.WandbOfflineRuns;
import dev.dltrack.trainer.study.ResultsTable;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.SweepRequest;
import dev.dltrack.trainer.study.SweepRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on Spark {@code local[2]} trains exactly what the plain sweep trains: for the same
 * options and seeds every logged value is the same, bit for bit, and the runs come back whole.
 */
class LocalSparkMatchesThePlainSweepTest {
  @TempDir Path data;
  @TempDir Path plain;
  @TempDir Path spark;

  /**
   * What running {@code request} shows: its progress, then the results table, as {@code dltrack
   * sweep} prints them.
   */
  static String sweep(SweepRequest.Builder request) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<RunResult> results = new SweepRunner(out, SweepRunner.Progress.LINES).run(request.build());
    out.print(ResultsTable.format(results));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * The study's schemes zeros and he-normal, two seeds, one short epoch, on the data in {@code
   * data}.
   */
  static SweepRequest.Builder small(Path data) {
    return SweepRequest.builder()
        .schemes(List.of("zeros", "he-normal"))
        .seeds(2)
        .epochs(1)
        .batch(50)
        .dataDir(data);
  }

  @Test
  @Timeout(300)
  void localTwoGivesTheSameValuesAsThePlainSweep() throws Exception {
    TinyDataset.write(data, 600, 120);
    sweep(small(data).parallel(2).logRoot(plain));
    // the W&B project and entity travel with the request to the executors, and change nothing else
    String text =
        sweep(
            small(data)
                .backend("spark")
                .option("master", "local[2]")
                .logRoot(spark)
                .wandbProject("init-study")
                .wandbEntity("my-team"));
    assertThat(text).contains("on Spark local[2]").contains("SUCCESS").doesNotContain("FAILURE");
    // the progress the tasks fed while training: each run's epoch line, then its end
    for (String run : List.of("zeros-s1", "zeros-s2", "he-normal-s1", "he-normal-s2")) {
      assertThat(text)
          .containsPattern(run + " +epoch  1/1  val acc")
          .containsPattern(run + " +SUCCESS in");
    }

    TfeventsCheck.assertSound(spark);
    try (Stream<Path> left = Files.list(spark)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no staging directory left")
          .containsExactlyInAnyOrder(
              "zeros-s1", "zeros-s2", "he-normal-s1", "he-normal-s2", ".dltrack");
    }
    LogRoot a = LogRoot.read(plain);
    LogRoot b = LogRoot.read(spark);
    assertThat(b.runs())
        .extracting(RunLog::name)
        .containsExactlyElementsOf(a.runs().stream().map(RunLog::name).toList());
    for (RunLog run : a.runs()) {
      RunLog other = b.run(run.name()).orElseThrow();
      assertThat(other.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
      assertThat(other.scalars().keySet()).isEqualTo(run.scalars().keySet());
      assertThat(values(other)).as(run.name()).isEqualTo(values(run));
      for (String tag : run.histograms().keySet()) {
        assertThat(other.histograms(tag).stream().map(HistogramPoint::histogram).toList())
            .as(run.name() + " " + tag)
            .isEqualTo(run.histograms(tag).stream().map(HistogramPoint::histogram).toList());
      }
      assertThat(other.histograms().keySet()).isEqualTo(run.histograms().keySet()).isNotEmpty();
      assertThat(
              WandbOfflineRuns.read(WandbCheck.offlineRunDir(spark.resolve(run.name())))
                  .config()
                  .get("_wandb"))
          .as(run.name())
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("project", "init-study")
          .containsEntry("entity", "my-team");
    }
  }

  /** Every scalar series as (step, value bits): wall times differ, nothing else may. */
  private static Map<String, List<String>> values(RunLog run) {
    Map<String, List<String>> all = new TreeMap<>();
    run.scalars()
        .forEach(
            (tag, points) -> {
              if (!tag.startsWith("time/") && !tag.contains("seconds")) {
                all.put(
                    tag,
                    points.stream()
                        .map(
                            (ScalarPoint p) ->
                                p.step() + ":" + Double.doubleToRawLongBits(p.value()))
                        .toList());
              }
            });
    return all;
  }
}
