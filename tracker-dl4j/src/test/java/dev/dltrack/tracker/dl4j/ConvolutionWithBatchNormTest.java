package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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

/**
 * A CNN with batch normalization: batch norm's running statistics are histograms without gradients
 * or update ratios, and ReLU convolutions get a dead-unit fraction over their channels.
 */
class ConvolutionWithBatchNormTest {
  @TempDir Path root;

  /** 8x8 one-channel images of two classes: a bright left or right half. */
  static DataSet images(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 8, 8).muli(0.5);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
    for (int i = 0; i < n; i++) {
      int c = i % 2;
      y.putScalar(i, c, 1);
      for (int r = 0; r < 8; r++) {
        for (int col = c * 4; col < c * 4 + 4; col++) {
          x.putScalar(new int[] {i, 0, r, col}, x.getFloat(i, 0, r, col) + 1);
        }
      }
    }
    return new DataSet(x, y);
  }

  static MultiLayerNetwork cnn() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(
                    new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(
                    new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build());
    net.init();
    return net;
  }

  @Test
  void logsBatchNormStateWithoutUpdateRatiosAndConvolutionDeadUnits() throws Exception {
    MultiLayerNetwork net = cnn();
    DataSet data = images(64, 11);
    try (Run run = Run.builder("cnn").logRoot(root).open()) {
      net.setListeners(
          TrackingListener.builder(run).probe(data.getFeatures()).updateRatioEvery(0).build());
      net.fit(new ListDataSetIterator<>(data.asList(), 16), 2);
    }
    RunLog log = Fixtures.read(root, "cnn");

    assertThat(steps(log.scalars("train/accuracy"))).containsExactly(4L, 8L);
    assertThat(net.getLayer(1).paramTable())
        .containsOnlyKeys("gamma", "beta", "mean", "log10stdev");
    for (String p : List.of("gamma", "beta", "mean", "log10stdev")) {
      assertThat(log.histograms("layer1/" + p))
          .as(p)
          .extracting(h -> h.step())
          .containsExactly(0L, 4L, 8L);
    }
    assertThat(log.histograms("layer1/mean").get(0).histogram().count()).isEqualTo(4);
    for (String trained : List.of("gamma", "beta")) {
      assertThat(log.histograms("layer1/grad/" + trained)).hasSize(3);
      assertThat(steps(log.scalars("layer1/update_ratio/" + trained))).containsExactly(0L, 4L);
    }
    assertThat(Fixtures.tags(log))
        .doesNotContain(
            "layer1/grad/mean",
            "layer1/grad/log10stdev",
            "layer1/update_ratio/mean",
            "layer1/update_ratio/log10stdev");

    // channels of rank-4 activations: 4 units each, so the fraction is a multiple of 1/4
    for (String relu : List.of("layer0", "layer3")) {
      assertThat(log.scalars(relu + "/dead_relu_fraction"))
          .as(relu)
          .hasSize(3)
          .allSatisfy(
              p ->
                  assertThat(p.value() * 4)
                      .isCloseTo(
                          Math.rint(p.value() * 4), org.assertj.core.data.Offset.offset(1e-9)));
    }
    assertThat(log.scalars("layer3/activation/mean")).hasSize(3);
    // identity convolution, batch norm and pooling have no dead units; pooling no parameters
    assertThat(Fixtures.tags(log))
        .doesNotContain(
            "layer1/dead_relu_fraction",
            "layer2/dead_relu_fraction",
            "layer4/activation/mean",
            "train/mse")
        .noneMatch(t -> t.startsWith("layer4/"));
  }
}
