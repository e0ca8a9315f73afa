package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The listener on a real (small) DL4J network: what it logs, at which steps. */
class TrackingListenerTest {
  @TempDir Path root;

  private static MultiLayerNetwork network(double lr) {
    return Fixtures.reluSoftmax(1, 8, 16, 3, lr, 0.8);
  }

  /** 3 well-separated classes, one example per element: the network learns them. */
  private static List<DataSet> data(int n, boolean nanInThirdBatch) {
    Nd4j.getRandom().setSeed(7);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
    INDArray features = Nd4j.randn(DataType.FLOAT, n, 8).muli(0.3);
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels.putScalar(i, c, 1);
      features.putScalar(i, c, features.getFloat(i, c) + 2);
    }
    if (nanInThirdBatch) {
      features.putScalar(40, 0, Float.NaN);
    }
    return new DataSet(features, labels).asList();
  }

  private static ListDataSetIterator<DataSet> batchesOf16(List<DataSet> examples) {
    return new ListDataSetIterator<>(examples, 16);
  }

  @Test
  void logsLossesAccuracyHistogramsGradientsRatiosAndActivations() throws Exception {
    MultiLayerNetwork net = network(1e-2);
    List<DataSet> examples = data(160, false); // 10 iterations per epoch
    try (Run run = Run.builder("small").logRoot(root).open()) {
      net.setListeners(
          TrackingListener.builder(run)
              .probe(DataSet.merge(examples.subList(0, 32)).getFeatures())
              .updateRatioEvery(5)
              .build());
      net.fit(batchesOf16(examples), 3);
    }
    TfeventsCheck.assertSound(root);
    RunLog log = TensorBoardRuns.readRun(root.resolve("small"), "small");

    assertThat(log.scalars("train/batch_loss"))
        .extracting(ScalarPoint::step)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList());
    assertThat(log.scalars("train/loss"))
        .extracting(ScalarPoint::step)
        .containsExactly(10L, 20L, 30L);
    assertThat(log.scalars("epoch")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0, 3.0);
    List<ScalarPoint> acc = log.scalars("train/accuracy");
    assertThat(acc).hasSize(3);
    assertThat(acc.get(2).value()).isGreaterThan(0.9);

    for (String p : List.of("layer0/W", "layer0/b", "layer1/W", "layer1/b")) {
      assertThat(log.histograms(p))
          .as(p)
          .extracting(h -> h.step())
          .containsExactly(0L, 10L, 20L, 30L);
    }
    assertThat(log.histograms("layer0/W").get(0).histogram().count()).isEqualTo(8 * 16);
    assertThat(log.histograms("layer0/grad/W"))
        .extracting(h -> h.step())
        .containsExactly(0L, 10L, 20L, 30L);
    assertThat(log.scalars("layer0/update_ratio/W"))
        .extracting(ScalarPoint::step)
        .containsExactly(0L, 5L, 10L, 15L, 20L, 25L);
    assertThat(log.scalars("layer0/update_ratio/W").get(0).value()).isBetween(1e-5, 1.0);
    assertThat(log.scalars("layer0/activation/mean")).hasSize(4);
    assertThat(log.scalars("layer0/dead_relu_fraction"))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 1.0));
    assertThat(log.scalars()).doesNotContainKey("layer1/dead_relu_fraction"); // softmax layer
  }

  @Test
  void aNonFiniteLossStopsTrainingWithTheStepInTheMessage() throws Exception {
    MultiLayerNetwork net = network(1e-2);
    List<DataSet> examples = data(64, true);
    try (Run run = Run.builder("nan").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).build());
      assertThatThrownBy(() -> net.fit(batchesOf16(examples), 1))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageContaining("iteration 2")
          .hasMessageContaining("NaN");
    }
    RunLog log = TensorBoardRuns.readRun(root.resolve("nan"), "nan");
    assertThat(log.scalars("train/batch_loss").get(2).value()).isNaN();
  }
}
