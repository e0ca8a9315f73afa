package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** SameDiff.fit through SameDiff's own listener API: losses, variables by name, update ratios. */
class SameDiffTrainingTest {
  @TempDir Path root;

  /** 4 → 8 ReLU → 3 softmax, with variables named as a DL4J network's tags would be. */
  static SameDiff mlp() {
    Nd4j.getRandom().setSeed(12);
    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, 4);
    SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 3);
    SDVariable w0 = sd.var("layer0/W", Nd4j.randn(DataType.FLOAT, 4, 8).muli(0.5));
    SDVariable b0 = sd.var("layer0/b", Nd4j.zeros(DataType.FLOAT, 1, 8));
    SDVariable w1 = sd.var("layer1/W", Nd4j.randn(DataType.FLOAT, 8, 3).muli(0.5));
    SDVariable b1 = sd.var("scale", Nd4j.zeros(DataType.FLOAT, 1, 3));
    SDVariable hidden = sd.nn().relu(in.mmul(w0).add(b0), 0);
    SDVariable logits = hidden.mmul(w1).add(b1);
    sd.nn().softmax("out", logits);
    sd.loss().softmaxCrossEntropy("loss", label, logits, null);
    sd.setLossVariables("loss");
    sd.setTrainingConfig(
        TrainingConfig.builder()
            .updater(new Adam(1e-2))
            .dataSetFeatureMapping("input")
            .dataSetLabelMapping("label")
            .build());
    return sd;
  }

  @Test
  void logsTheLossEveryIterationAndEachVariableUnderItsName() throws Exception {
    SameDiff sd = mlp();
    INDArray[] d = Fixtures.classes(80, 4, 3, 8); // 5 iterations of 16 per epoch
    try (Run run = Run.builder("samediff").logRoot(root).open()) {
      sd.setListeners(TrackingListener.builder(run).updateRatioEvery(2).buildForSameDiff());
      sd.fit(new ListDataSetIterator<>(new DataSet(d[0], d[1]).asList(), 16), 3);
    }
    RunLog log = Fixtures.read(root, "samediff");

    assertThat(steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 15));
    assertThat(steps(log.scalars("train/loss"))).containsExactly(5L, 10L, 15L);
    assertThat(log.scalars("epoch")).extracting(p -> p.value()).containsExactly(1.0, 2.0, 3.0);
    assertThat(log.scalars("train/loss").get(2).value())
        .isLessThan(log.scalars("train/batch_loss").get(0).value());
    for (String v : List.of("layer0/W", "layer0/b", "layer1/W", "scale")) {
      assertThat(log.histograms(v))
          .as(v)
          .extracting(h -> h.step())
          .containsExactly(0L, 5L, 10L, 15L);
    }
    assertThat(log.histograms("layer0/W").get(0).histogram().count()).isEqualTo(4 * 8);
    // the first iteration of each epoch, and every 2nd
    assertThat(steps(log.scalars("layer0/update_ratio/W")))
        .containsExactly(0L, 2L, 4L, 5L, 6L, 8L, 10L, 12L, 14L);
    assertThat(log.scalars("update_ratio/scale")).hasSize(9);
    assertThat(log.scalars("layer1/update_ratio/W").get(0).value()).isBetween(1e-5, 1.0);
    // placeholders and activations are not variables; DL4J-only tags do not appear
    assertThat(Fixtures.tags(log))
        .noneMatch(t -> t.startsWith("input") || t.startsWith("label") || t.startsWith("out"))
        .noneMatch(t -> t.contains("/grad/") || t.equals("train/accuracy"));
  }

  @Test
  void aLoopOverMinibatchesEndsItsEpochsWithEpochEnd() throws Exception {
    SameDiff sd = mlp();
    INDArray[] d = Fixtures.classes(48, 4, 3, 8);
    List<DataSet> batches = new DataSet(d[0], d[1]).batchBy(16);
    try (Run run = Run.builder("loop").logRoot(root).open()) {
      SameDiffTrackingListener listener = TrackingListener.builder(run).buildForSameDiff();
      sd.setListeners(listener);
      for (int epoch = 0; epoch < 2; epoch++) {
        for (DataSet batch : batches) {
          sd.fit(batch);
        }
        listener.epochEnd();
      }
    }
    RunLog log = Fixtures.read(root, "loop");
    assertThat(steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 6));
    assertThat(steps(log.scalars("train/loss"))).containsExactly(3L, 6L);
    assertThat(log.scalars("epoch")).extracting(p -> p.value()).containsExactly(1.0, 2.0);
    assertThat(log.histograms("layer1/W")).extracting(h -> h.step()).containsExactly(0L, 3L, 6L);
  }
}
