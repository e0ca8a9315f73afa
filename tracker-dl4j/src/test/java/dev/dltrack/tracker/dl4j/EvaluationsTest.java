package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.EvaluationCalibration;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's evaluations become scalars and a confusion-matrix text, with DL4J's own values. */
class EvaluationsTest {
  @TempDir Path root;

  private static final INDArray LABELS =
      Nd4j.create(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
  private static final INDArray PREDICTED =
      Nd4j.create(
          new float[][] {
            {0.8f, 0.1f, 0.1f},
            {0.2f, 0.7f, 0.1f},
            {0.5f, 0.2f, 0.3f},
            {0.6f, 0.3f, 0.1f},
            {0.1f, 0.3f, 0.6f}
          });

  @Test
  void aClassificationEvaluationLogsItsMetricsPerClassAndItsConfusionMatrix() throws Exception {
    Evaluation eval = new Evaluation(List.of("cat", "dog", "bird"));
    eval.eval(LABELS, PREDICTED);
    ROCMultiClass roc = new ROCMultiClass();
    roc.eval(LABELS, PREDICTED);
    try (Run run = Run.builder("eval").logRoot(root).open()) {
      Evaluations.log(run, 7, "val", eval);
      Evaluations.log(run, 7, "val", roc);
    }
    RunLog log = Fixtures.read(root, "eval");

    assertThat(log.scalars("val/accuracy").get(0).value()).isCloseTo(eval.accuracy(), within(1e-6));
    assertThat(log.scalars("val/accuracy").get(0).step()).isEqualTo(7);
    assertThat(log.scalars("val/f1").get(0).value()).isCloseTo(eval.f1(), within(1e-6));
    for (String c : List.of("cat", "dog", "bird")) {
      assertThat(log.scalars())
          .containsKeys(
              "val/precision/" + c, "val/recall/" + c, "val/f1/" + c, "val/auc/" + rocIndex(c));
    }
    assertThat(log.scalars("val/recall/cat").get(0).value()).isCloseTo(1.0, within(1e-6));
    assertThat(log.scalars("val/auc").get(0).value())
        .isCloseTo(roc.calculateAverageAUC(), within(1e-6));
    assertThat(log.prCurves().keySet()).contains("val/pr/0", "val/pr/1", "val/pr/2");
    String matrix = log.texts("val/confusion_matrix").get(0).markdown();
    assertThat(matrix)
        .contains("| actual \\ predicted | cat | dog | bird |")
        .contains("| cat | 2 | 0 | 0 |")
        .contains("| dog | 0 | 1 | 1 |")
        .contains("| bird | 1 | 0 | 0 |");
  }

  private static int rocIndex(String c) {
    return List.of("cat", "dog", "bird").indexOf(c);
  }

  @Test
  void binaryRocAndRegressionEvaluationsLogTheirAreasAndErrors() throws Exception {
    ROC roc = new ROC();
    roc.eval(
        Nd4j.create(new float[][] {{1}, {0}, {1}, {0}}),
        Nd4j.create(new float[][] {{0.9f}, {0.2f}, {0.4f}, {0.6f}}));
    RegressionEvaluation reg = new RegressionEvaluation(List.of("price", "size"));
    INDArray truth = Nd4j.create(new float[][] {{1, 2}, {2, 4}, {3, 6}});
    reg.eval(truth, truth.add(Nd4j.create(new float[][] {{0.1f, -0.2f}, {0, 0.2f}, {-0.1f, 0}})));
    try (Run run = Run.builder("curves").logRoot(root).open()) {
      Evaluations.log(run, 3, "test", roc);
      Evaluations.log(run, 3, "test", reg);
    }
    RunLog log = Fixtures.read(root, "curves");

    assertThat(log.scalars("test/auc").get(0).value()).isCloseTo(roc.calculateAUC(), within(1e-6));
    assertThat(log.scalars("test/auprc").get(0).value())
        .isCloseTo(roc.calculateAUCPR(), within(1e-6));
    // predicted positive at p >= 0.5: 0.9 and 0.6, one of them right; at p >= 0: all four
    var pr = log.prCurves("test/pr").get(0).curve();
    int half = (pr.thresholds() - 1) / 2 + 1; // the first threshold above 0.5
    assertThat(pr.truePositives()[0]).isEqualTo(2);
    assertThat(pr.falsePositives()[0]).isEqualTo(2);
    assertThat(pr.truePositives()[half]).isEqualTo(1);
    assertThat(pr.falsePositives()[half]).isEqualTo(1);
    assertThat(pr.falseNegatives()[half]).isEqualTo(1);
    assertThat(log.scalars("test/mse/price").get(0).value())
        .isCloseTo(reg.meanSquaredError(0), within(1e-6));
    assertThat(log.scalars("test/mae/size").get(0).value())
        .isCloseTo(reg.meanAbsoluteError(1), within(1e-6));
    assertThat(log.scalars("test/r2").get(0).value())
        .isCloseTo(reg.averageRSquared(), within(1e-6));
    assertThat(log.scalars())
        .containsKeys("test/rmse", "test/rmse/price", "test/r2/size", "test/mse", "test/mae");
  }

  @Test
  void anEvaluationItCannotLogIsRefusedByName() throws Exception {
    try (Run run = Run.builder("other").logRoot(root).open()) {
      assertThatThrownBy(() -> Evaluations.log(run, 0, "val", new EvaluationCalibration()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("EvaluationCalibration");
    }
  }
}
