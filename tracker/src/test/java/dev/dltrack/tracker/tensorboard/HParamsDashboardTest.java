package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's runs, each declaring the experiment in its own event file, give TensorBoard's HParams
 * dashboard one row per run with its hparams, metric values and status, and no extra run: as our
 * reader computes it and as real TensorBoard serves it.
 */
class HParamsDashboardTest {
  @TempDir Path root;

  private static final Experiment EXPERIMENT =
      Experiment.builder()
          .hparam("scheme", List.of("zeros", "he-normal", "lsuv"))
          .hparam("lr", 1e-4, 1e-2)
          .metric("val/accuracy", "validation accuracy", Experiment.Dataset.VALIDATION)
          .metric("val/loss", "validation loss", Experiment.Dataset.VALIDATION)
          .build();

  private void sweepRun(String scheme, double acc, boolean fail) throws Exception {
    Run run =
        Run.builder(scheme)
            .logRoot(root)
            .formats("tensorboard")
            .experiment(EXPERIMENT)
            .config(Map.of("scheme", scheme, "lr", 1e-3, "seed", 1))
            .open();
    for (int epoch = 1; epoch <= 3; epoch++) {
      run.scalar("val/accuracy", epoch * 100L, acc * epoch / 3);
      run.scalar("val/loss", epoch * 100L, 1 - acc * epoch / 3);
    }
    if (fail) {
      run.fail("loss became NaN at step 300");
    } else {
      run.close();
    }
  }

  @Test
  void everyRunIsARowWithItsHParamsMetricsAndStatus() throws Exception {
    sweepRun("zeros", 0.1, false);
    sweepRun("he-normal", 0.88, false);
    sweepRun("lsuv", 0.5, true);
    TfeventsCheck.assertSound(root);

    LogRoot logs = LogRoot.read(root);
    try (var dirs = Files.list(root)) {
      assertThat(dirs.map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrder("zeros", "he-normal", "lsuv", ".dltrack"); // and the locks
    }
    assertThat(logs.runs()).extracting(RunLog::name).containsExactly("he-normal", "lsuv", "zeros");

    HParamsView view = HParamsView.of(logs.runs()).orElseThrow();
    assertThat(view.inferred()).isFalse();
    // declared hparams first, then the config keys the declaration does not name
    assertThat(view.experiment().hparams())
        .extracting(Experiment.HParam::name)
        .containsExactly("scheme", "lr", "seed");
    assertThat(view.experiment().metrics())
        .extracting(Experiment.Metric::tag)
        .containsExactly("val/accuracy", "val/loss");
    assertThat(view.differs("scheme")).isTrue();
    assertThat(view.differs("lr")).isFalse();

    assertThat(view.groups()).extracting(HParamsView.SessionGroup::name)
        .containsExactly("he-normal", "lsuv", "zeros");
    HParamsView.SessionGroup he = view.groups().get(0);
    assertThat(he.hparams()).containsEntry("scheme", "he-normal").containsEntry("seed", 1.0);
    assertThat(HParamsView.byTag(he.metricValues()).get("val/accuracy").value())
        .isEqualTo((double) (float) 0.88);
    assertThat(HParamsView.byTag(he.metricValues()).get("val/accuracy").trainingStep()).isEqualTo(300);
    assertThat(he.sessions().get(0).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(view.groups().get(1).sessions().get(0).status()).isEqualTo(RunStatus.FAILURE);
    assertThat(logs.run("lsuv").orElseThrow().texts("failure").get(0).markdown())
        .contains("loss became NaN at step 300");

    try (TensorBoard tb = TensorBoardAgreement.serveAll(root)) {
      assertThat(tb.runs()).containsExactlyInAnyOrder("zeros", "he-normal", "lsuv");
      JsonNode groups = tb.hparamsSessionGroups().get("sessionGroups");
      assertThat(groups.findValuesAsText("status"))
          .containsExactlyInAnyOrder("STATUS_SUCCESS", "STATUS_SUCCESS", "STATUS_FAILURE");
      // TensorBoard sorts a declared experiment's hparams by name (differing ones first, but a
      // declaration does not say which differ)
      assertThat(tb.hparamsExperiment().get("hparamInfos").findValuesAsText("name"))
          .containsExactly("lr", "scheme", "seed");
      TensorBoardAgreement.assertSameHParams(tb, logs);
      TensorBoardAgreement.assertSameScalars(tb, logs);
      TensorBoardAgreement.assertSameTexts(tb, logs);
    }
  }

  @Test
  void withoutADeclarationTensorBoardInfersTheExperimentFromTheRuns() throws Exception {
    for (String scheme : List.of("a", "b")) {
      try (Run run = Run.builder(scheme).logRoot(root).config("scheme", scheme).open()) {
        run.scalar("val/accuracy", 1, scheme.equals("a") ? 0.3 : 0.6);
      }
    }
    LogRoot logs = LogRoot.read(root);
    HParamsView view = HParamsView.of(logs.runs()).orElseThrow();
    assertThat(view.inferred()).isTrue();
    assertThat(view.experiment().hparam("scheme").orElseThrow().domain())
        .contains(new Experiment.Discrete(List.of("a", "b")));
    assertThat(view.experiment().metrics()).extracting(Experiment.Metric::tag).containsExactly("val/accuracy");

    try (TensorBoard tb = TensorBoardAgreement.serveAll(root)) {
      JsonNode scheme = tb.hparamsExperiment().get("hparamInfos").get(0);
      assertThat(scheme.get("name").asText()).isEqualTo("scheme");
      assertThat(scheme.get("differs").asBoolean()).isTrue();
      TensorBoardAgreement.assertSameHParams(tb, logs);
    }
  }
}
