package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The probe's activation statistics of a dense network, computed in Java from the activations'
 * memory, are ND4J's: the mean, the bias-corrected standard deviation, and the fraction of ReLU
 * units that output 0 for every probe example (here some are dead by construction).
 */
class ProbeStatisticsMatchNd4jTest {
  @TempDir Path root;

  @Test
  void meanStdAndDeadFractionAreNd4jsOwn() throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(20).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(20).nOut(9).activation(Activation.TANH).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(9)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    // units 0..6 of the first layer can never fire: all their weights negative, inputs positive
    INDArray w = net.getLayer(0).getParam("W");
    for (int u = 0; u < 7; u++) {
      for (int i = 0; i < 6; i++) {
        w.putScalar(i, u, -Math.abs(w.getDouble(i, u)) - 0.01);
      }
    }
    Nd4j.getRandom().setSeed(5);
    INDArray probe = Nd4j.rand(DataType.FLOAT, 33, 6);
    try (Run run = Run.builder("probe").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).probe(probe).build();
      net.setListeners(listener);
      listener.onEpochStart(net); // the statistics before the first update, at step 0
    }
    RunLog log = Fixtures.read(root, "probe");
    List<INDArray> acts = net.feedForward(probe, false);
    for (int layer = 0; layer < 3; layer++) {
      INDArray a = acts.get(layer + 1).castTo(DataType.DOUBLE);
      String tag = "layer" + layer;
      assertThat(log.scalars(tag + "/activation/mean").get(0).value())
          .as(tag)
          .isCloseTo(a.meanNumber().doubleValue(), asLogged(a.meanNumber().doubleValue()));
      assertThat(log.scalars(tag + "/activation/std").get(0).value())
          .as(tag)
          .isCloseTo(a.stdNumber().doubleValue(), asLogged(a.stdNumber().doubleValue()));
    }
    INDArray firstFires = acts.get(1).gt(0).castTo(DataType.DOUBLE).max(0);
    double dead = 1 - firstFires.sumNumber().doubleValue() / firstFires.length();
    assertThat(dead).isGreaterThanOrEqualTo(7 / 20.0);
    assertThat(log.scalars("layer0/dead_relu_fraction").get(0).value()).isEqualTo(dead);
    assertThat(log.scalars()).doesNotContainKey("layer1/dead_relu_fraction"); // tanh
  }

  /** TensorBoard keeps a scalar as a float: the precision a logged value can be compared to. */
  private static org.assertj.core.data.Offset<Double> asLogged(double expected) {
    return within(Math.abs(expected) * 1e-7 + 1e-12);
  }
}
