package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Which layers a scheme initializes. */
class InitSchemeLayersTest {
  private static final InitScheme HE_NORMAL = InitScheme.byName("he-normal");

  @Test
  void initializesEveryDenseAndOutputLayer() {
    MultiLayerNetwork net = Networks.study(1);
    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      Networks.weights(net, layer).assign(1000);
    }

    HE_NORMAL.apply(net, InitContext.of(42));

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      assertThat(Networks.weights(net, layer).amaxNumber().doubleValue())
          .as("layer %d", layer)
          .isLessThan(1);
    }
  }

  @Test
  void refusesALayerWithParametersItDoesNotKnow() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(8).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();

    assertThatThrownBy(() -> HE_NORMAL.apply(net, InitContext.of(42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "layer 1 (BatchNormalization) has parameters but is not a DenseLayer or"
                + " OutputLayer; he-normal initializes only those");
  }

  @Test
  void refusesANetworkThatWasNotInitialized() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(4)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());

    assertThatThrownBy(() -> HE_NORMAL.apply(net, InitContext.of(42)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the network has no layers yet: call net.init() before applying he-normal");
  }
}
