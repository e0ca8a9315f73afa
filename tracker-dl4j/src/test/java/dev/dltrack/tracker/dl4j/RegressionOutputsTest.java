package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Regression outputs get mean squared and absolute errors, never an accuracy. */
class RegressionOutputsTest {
  @TempDir Path root;

  /** Targets that are linear in the features: a network fits them. */
  private static INDArray[] linear(int n, int outputs, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, n, 4);
    INDArray w = Nd4j.randn(DataType.FLOAT, 4, outputs);
    return new INDArray[] {x, x.mmul(w)};
  }

  @Test
  void aThreeColumnMseRegressionLogsMseAndMaeAndNoAccuracy() throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(2)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(16)
                        .nOut(3)
                        .activation(Activation.IDENTITY)
                        .build())
                .build());
    net.init();
    INDArray[] d = linear(80, 3, 4);
    try (Run run = Run.builder("mse").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).build());
      net.fit(new ListDataSetIterator<>(new DataSet(d[0], d[1]).asList(), 16), 4);
    }
    RunLog log = Fixtures.read(root, "mse");

    assertThat(steps(log.scalars("train/mse"))).containsExactly(5L, 10L, 15L, 20L);
    assertThat(steps(log.scalars("train/mae"))).containsExactly(5L, 10L, 15L, 20L);
    assertThat(log.scalars("train/mse").get(3).value())
        .isLessThan(log.scalars("train/mse").get(0).value());
    assertThat(log.scalars("train/mae").get(0).value()).isPositive();
    assertThat(Fixtures.tags(log)).doesNotContain("train/accuracy");
  }

  @Test
  void aGraphWithTwoRegressionOutputsLogsOneSetPerOutputNamedAfterIt() throws Exception {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(2)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("x")
                .addLayer(
                    "shared",
                    new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.TANH).build(),
                    "x")
                .addLayer(
                    "price",
                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(16)
                        .nOut(1)
                        .activation(Activation.IDENTITY)
                        .build(),
                    "shared")
                .addLayer(
                    "size",
                    new OutputLayer.Builder(LossFunctions.LossFunction.L1)
                        .nIn(16)
                        .nOut(3)
                        .activation(Activation.IDENTITY)
                        .build(),
                    "shared")
                .setOutputs("price", "size")
                .build());
    graph.init();
    INDArray[] a = linear(64, 1, 5);
    INDArray size = a[0].mmul(Nd4j.randn(DataType.FLOAT, 4, 3));
    try (Run run = Run.builder("two").logRoot(root).open()) {
      graph.setListeners(TrackingListener.builder(run).build());
      graph.fit(Fixtures.Batches.of(new INDArray[] {a[0]}, new INDArray[] {a[1], size}, 16), 3);
    }
    RunLog log = Fixtures.read(root, "two");

    for (String output : new String[] {"price", "size"}) {
      assertThat(steps(log.scalars("train/" + output + "/mse")))
          .as(output)
          .containsExactly(4L, 8L, 12L);
      assertThat(steps(log.scalars("train/" + output + "/mae")))
          .as(output)
          .containsExactly(4L, 8L, 12L);
    }
    assertThat(steps(log.scalars("train/loss"))).containsExactly(4L, 8L, 12L);
    assertThat(log.histograms("price/W")).hasSize(4);
    assertThat(log.histograms("size/W").get(0).histogram().count()).isEqualTo(16 * 3);
    assertThat(Fixtures.tags(log))
        .noneMatch(t -> t.contains("accuracy"))
        .doesNotContain("train/mse", "train/mae");
  }
}
