package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.RunExistsException;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run of the study on small synthetic data: what it logs, that it repeats exactly, failures. */
class StudyRunTest {
  @TempDir static Path dataDir;
  @TempDir Path logs;
  static FashionMnistSplits data;

  @BeforeAll
  static void syntheticData() throws Exception {
    data = IdxFixtures.smallSplits(dataDir);
  }

  private RunResult train(String scheme, long seed, double lr, String name) throws Exception {
    RunSpec spec = new RunSpec(InitScheme.byName(scheme), seed, 2, 50, lr, name, logs);
    return StudyRun.train(spec, data, Sweep.experiment(List.of(spec)), true, SweepProgress.NONE);
  }

  private RunLog read(String name) throws Exception {
    return TensorBoardRuns.readRun(logs.resolve(name), name);
  }

  @Test
  void anExistingRunIsRefusedByDefaultReplacedWithOverwriteAndAppendedWithResume()
      throws Exception {
    RunSpec spec = new RunSpec(InitScheme.byName("he-normal"), 1, 1, 50, 1e-3, "again", logs);
    Experiment experiment = Sweep.experiment(List.of(spec));
    StudyRun.train(spec, data, experiment, true, SweepProgress.NONE);
    assertThat(read("again").scalars("epoch")).hasSize(1);

    // the library's default is the tracker's: an existing run is refused, and left as it was
    List<String> before = files(logs.resolve("again"));
    assertThatThrownBy(() -> StudyRun.train(spec, data, experiment, true, SweepProgress.NONE))
        .isInstanceOf(RunExistsException.class)
        .hasMessageContaining("again");
    assertThat(files(logs.resolve("again"))).isEqualTo(before);
    assertThat(spec.ifExists()).isEqualTo(IfExists.FAIL);

    StudyRun.train(spec.ifExists(IfExists.RESUME), data, experiment, true, SweepProgress.NONE);
    assertThat(read("again").scalars("epoch")).as("appended: two histories").hasSize(2);

    StudyRun.train(spec.ifExists(IfExists.OVERWRITE), data, experiment, true, SweepProgress.NONE);
    assertThat(read("again").scalars("epoch")).as("replaced: one history").hasSize(1);
  }

  @Test
  void aSweepRefusesExistingRunsBeforeItTrainsAny() throws Exception {
    Sweep sweep = Sweep.of(List.of(InitScheme.byName("zeros"), InitScheme.byName("he-normal")),
        1, 1, 50, 1e-3, logs, 1);
    RunSpec second = sweep.runs().get(1);
    StudyRun.train(second, data, sweep.experiment(), true, SweepProgress.NONE);
    assertThat(sweep.existingRuns()).containsExactly("he-normal");
    assertThatThrownBy(() -> sweep.run(data, true, SweepProgress.NONE))
        .isInstanceOf(RunExistsException.class)
        .hasMessageContaining("1 of this sweep's runs (he-normal)");
    assertThat(logs.resolve("zeros")).as("nothing was trained").doesNotExist();
    assertThat(sweep.ifExists(IfExists.OVERWRITE).run(data, true, SweepProgress.NONE))
        .extracting(RunResult::status)
        .containsExactly(RunStatus.SUCCESS, RunStatus.SUCCESS);
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p) + " " + p.toFile().length())
          .sorted()
          .toList();
    }
  }

  @Test
  void logsTheCurvesDiagnosticsHParamsAndConfig() throws Exception {
    RunResult r = train("he-normal", 1, 1e-3, "he");
    assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
    TfeventsCheck.assertSound(logs);
    RunLog log = read("he");
    // 500 train images / 50 = 10 iterations per epoch, 2 epochs
    assertThat(log.scalars("train/batch_loss")).hasSize(20);
    for (String tag : List.of("train/loss", "train/accuracy", "val/loss", "val/accuracy", "epoch")) {
      assertThat(log.scalars(tag)).as(tag).extracting(ScalarPoint::step).containsExactly(10L, 20L);
    }
    assertThat(log.scalars("test/accuracy")).singleElement().satisfies(p -> assertThat(p.step()).isEqualTo(20));
    assertThat(log.scalars("test/loss")).hasSize(1);
    for (int layer = 0; layer < 3; layer++) {
      String l = "layer" + layer;
      assertThat(log.histograms(l + "/W")).extracting(HistogramPoint::step).containsExactly(0L, 10L, 20L);
      assertThat(log.histograms(l + "/b")).hasSize(3);
      assertThat(log.histograms(l + "/grad/W")).extracting(HistogramPoint::step).containsExactly(0L, 10L, 20L);
      assertThat(log.scalars(l + "/update_ratio/W")).isNotEmpty();
      assertThat(log.scalars(l + "/activation/mean")).hasSize(3);
      assertThat(log.scalars(l + "/activation/std")).hasSize(3);
    }
    assertThat(log.scalars("layer0/dead_relu_fraction")).hasSize(3);
    assertThat(log.scalars("layer1/dead_relu_fraction")).hasSize(3);
    // biases start at zero whatever the scheme
    assertThat(log.histograms("layer0/b").get(0).histogram().max()).isZero();
    assertThat(log.session().orElseThrow().hparams())
        .containsEntry("scheme", "he-normal")
        .containsEntry("seed", 1.0)
        .containsEntry("lr", 0.001)
        .containsEntry("batch", 50.0)
        .containsEntry("epochs", 2.0)
        .containsEntry("model", StudyModel.DESCRIPTION);
    assertThat(log.session().get().status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(log.experiment()).isPresent();
    assertThat(log.texts("config").get(0).markdown()).contains("he-normal").contains("| lr | 0.001 |");
  }

  @Test
  void theSameSeedLogsBitIdenticalValuesAndAnotherSeedDoesNot() throws Exception {
    train("lsuv", 7, 1e-3, "a");
    train("lsuv", 7, 1e-3, "b");
    train("lsuv", 8, 1e-3, "c");
    RunLog a = read("a");
    RunLog b = read("b");
    RunLog c = read("c");
    assertThat(values(b)).isEqualTo(values(a));
    assertThat(histograms(b)).isEqualTo(histograms(a));
    assertThat(values(c)).isNotEqualTo(values(a));
  }

  private static Map<String, List<Double>> values(RunLog log) {
    return log.scalars().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(ScalarPoint::value).toList()));
  }

  private static Map<String, List<List<Double>>> histograms(RunLog log) {
    return log.histograms().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
            .map(p -> Arrays.stream(p.histogram().counts()).boxed().toList()).toList()));
  }

  @Test
  void onTheRealDataOneEpochOfASubsetAlreadyLearns() throws Exception {
    Path real = Path.of("/usr/share/datasets/fashion-mnist");
    Require.that(
        Files.isDirectory(real), real + " (apt-get install dataset-fashion-mnist)");
    FashionMnistSplits subset =
        FashionMnistSplits.split(FashionMnistLoader.standard().load(real), 42).limit(5000, 1000, 1000);
    RunSpec spec = new RunSpec(InitScheme.byName("he-normal"), 1, 1, 128, 1e-3, "real", logs);
    RunResult r = StudyRun.train(spec, subset, Sweep.experiment(List.of(spec)), true, SweepProgress.NONE);
    assertThat(r.finalValAccuracy()).isGreaterThan(0.7);
    assertThat(r.testAccuracy()).isGreaterThan(0.7);
    assertThat(read("real").lastScalar("train/accuracy").orElseThrow().value()).isGreaterThan(0.5);
  }

  @Test
  void aRunWhoseLossBecomesNaNEndsAsAFailureWithTheReason() throws Exception {
    RunResult r = train("ones", 1, 1e38, "diverged");
    assertThat(r.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(r.failure()).contains("training loss became");
    TfeventsCheck.assertSound(logs);
    RunLog log = read("diverged");
    assertThat(log.session().get().status()).isEqualTo(RunStatus.FAILURE);
    assertThat(log.texts("failure").get(0).markdown()).contains("training loss became");
  }
}
