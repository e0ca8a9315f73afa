package dev.dltrack.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run as documented and write what they say. */
class ExamplesTest {
  @TempDir Path logs;

  @Test
  void quickStartWritesTwoRunsWithScalarsHistogramsTextAndHParams() throws Exception {
    QuickStart.main(new String[] {logs.toString()});
    TfeventsCheck.assertSound(logs);
    LogRoot root = LogRoot.read(logs);
    assertThat(root.runs()).extracting(RunLog::name)
        .containsExactly("quickstart-lr0.001", "quickstart-lr0.01");
    for (RunLog run : root.runs()) {
      assertThat(run.scalars("train/loss")).hasSize(1001);
      assertThat(run.histograms("layer0/W")).hasSize(11);
      assertThat(run.texts("notes")).hasSize(1);
    }
    HParamsView view = HParamsView.of(root.runs()).orElseThrow();
    assertThat(view.groups()).hasSize(2);
    assertThat(view.differs("lr")).isTrue();
  }

  @Test
  void theDl4jExampleTrainsAndLogsThroughTheListener() throws Exception {
    Dl4jListenerExample.main(new String[] {logs.toString()});
    TfeventsCheck.assertSound(logs);
    RunLog run = TensorBoardRuns.readRun(logs.resolve("spirals-he-normal"), "spirals-he-normal");
    assertThat(run.scalars("train/batch_loss")).hasSize(30 * 12);
    assertThat(run.histograms("layer1/W")).hasSize(31);
    assertThat(run.scalars("layer1/dead_relu_fraction")).hasSize(31);
    assertThat(run.lastScalar("train/accuracy").orElseThrow().value()).isGreaterThan(0.8);
  }

  @Test
  void theGraphExampleLogsLayersByVertexNameAndDl4jsEvaluation() throws Exception {
    Dl4jGraphExample.main(new String[] {logs.toString()});
    TfeventsCheck.assertSound(logs);
    RunLog run = TensorBoardRuns.readRun(logs.resolve("spirals-graph"), "spirals-graph");
    assertThat(run.scalars("train/batch_loss")).hasSize(20 * 12);
    assertThat(run.scalars("epoch")).hasSize(20);
    assertThat(run.histograms("x_branch/W")).hasSize(21);
    assertThat(run.scalars("hidden/dead_relu_fraction")).hasSize(21);
    assertThat(run.scalars("eval/f1/blue")).hasSize(20);
    assertThat(run.texts("eval/confusion_matrix")).hasSize(20);
    assertThat(run.lastScalar("eval/accuracy").orElseThrow().value()).isGreaterThan(0.8);
    assertThat(run.scalars().keySet()).noneMatch(t -> t.startsWith("merged"));
  }

  @Test
  void theSameDiffExampleLogsItsLossAndVariablesByName() throws Exception {
    SameDiffExample.main(new String[] {logs.toString()});
    TfeventsCheck.assertSound(logs);
    RunLog run = TensorBoardRuns.readRun(logs.resolve("spirals-samediff"), "spirals-samediff");
    assertThat(run.scalars("train/batch_loss")).hasSize(30 * 12);
    assertThat(run.scalars("train/loss")).hasSize(30);
    assertThat(run.histograms("hidden/W")).hasSize(31);
    assertThat(run.scalars("hidden/update_ratio/W")).isNotEmpty();
    assertThat(run.lastScalar("train/loss").orElseThrow().value())
        .isLessThan(run.scalars("train/batch_loss").get(0).value() / 2);
  }
}
