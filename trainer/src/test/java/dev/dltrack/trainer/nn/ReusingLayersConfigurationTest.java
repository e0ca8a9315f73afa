package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Configuring the reusing layers: as DL4J's, saved and read back, and the input-gradient rule. */
class ReusingLayersConfigurationTest {
  private static MultiLayerConfiguration twoLayers(
      boolean reusing, boolean firstInputGradient, boolean secondInputGradient) {
    return twoLayers(reusing, firstInputGradient, secondInputGradient, WorkspaceMode.ENABLED);
  }

  private static MultiLayerConfiguration twoLayers(
      boolean reusing,
      boolean firstInputGradient,
      boolean secondInputGradient,
      WorkspaceMode workspaces) {
    DenseLayer.Builder first =
        reusing
            ? new ReusingDenseLayer.Builder().inputGradient(firstInputGradient)
            : new DenseLayer.Builder();
    DenseLayer.Builder second =
        reusing
            ? new ReusingDenseLayer.Builder().inputGradient(secondInputGradient)
            : new DenseLayer.Builder();
    OutputLayer.Builder output =
        reusing
            ? new ReusingOutputLayer.Builder(LossFunction.MCXENT)
            : new OutputLayer.Builder(LossFunction.MCXENT);
    return new NeuralNetConfiguration.Builder()
        .seed(5)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-2))
        .trainingWorkspaceMode(workspaces)
        .inferenceWorkspaceMode(workspaces)
        .list()
        .layer(first.nIn(12).nOut(8).activation(Activation.TANH).l2(1e-3).dropOut(0.9).build())
        .layer(second.nIn(8).nOut(6).activation(Activation.RELU).hasBias(false).build())
        .layer(output.nIn(6).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
  }

  @Test
  void theConfigurationSurvivesDl4jsJsonFormat() {
    MultiLayerConfiguration conf = twoLayers(true, false, true);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertThat(back.getConf(0).getLayer())
        .isInstanceOf(ReusingDenseLayer.class)
        .isEqualTo(conf.getConf(0).getLayer());
    assertThat(((ReusingDenseLayer) back.getConf(0).getLayer()).inputGradient()).isFalse();
    assertThat(((ReusingDenseLayer) back.getConf(1).getLayer()).inputGradient()).isTrue();
    assertThat(back.getConf(2).getLayer())
        .isInstanceOf(ReusingOutputLayer.class)
        .isEqualTo(conf.getConf(2).getLayer());
  }

  @Test
  void everyOtherSettingIsDl4jsOwn() {
    MultiLayerConfiguration stock = twoLayers(false, true, true);
    MultiLayerConfiguration reusing = twoLayers(true, true, true);
    for (int i = 0; i < 3; i++) {
      assertThat(stock.getConf(i).getLayer())
          .as("layer %d", i)
          .isEqualTo(reusing.getConf(i).getLayer());
    }
  }

  /**
   * Dropout on the first layer, tanh, L2, no bias: the same gradients as DL4J's layers, and with
   * the input gradient asked for, the same input gradient.
   */
  @Test
  void otherSettingsGiveDl4jsGradientsBitForBit() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 16, 12);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
    for (int r = 0; r < 16; r++) {
      y.putScalar(r, r % 3, 1);
    }
    Pair<Gradient, INDArray> stock = gradients(twoLayers(false, true, true), x, y);
    Pair<Gradient, INDArray> reusing = gradients(twoLayers(true, true, true), x, y);
    assertThat(reusing.getFirst().gradient().toFloatVector())
        .isEqualTo(stock.getFirst().gradient().toFloatVector());
    assertThat(reusing.getSecond().ravel().toFloatVector())
        .isEqualTo(stock.getSecond().ravel().toFloatVector());
  }

  private static Pair<Gradient, INDArray> gradients(
      MultiLayerConfiguration conf, INDArray x, INDArray y) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    Nd4j.getRandom().setSeed(9);
    Pair<Gradient, INDArray> result = net.calculateGradients(x, y, null, null);
    return new Pair<>(result.getFirst(), result.getSecond().dup());
  }

  /** Without workspaces the kept arrays live on the heap; training still matches DL4J's. */
  @Test
  void withoutWorkspacesTrainingMatchesDl4jBitForBit() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 16, 12);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
    for (int r = 0; r < 16; r++) {
      y.putScalar(r, (r * 7) % 3, 1);
    }
    float[] stock = fitted(twoLayers(false, true, true, WorkspaceMode.NONE), x, y);
    float[] reusing = fitted(twoLayers(true, false, true, WorkspaceMode.NONE), x, y);
    assertThat(reusing).isEqualTo(stock);
  }

  private static float[] fitted(MultiLayerConfiguration conf, INDArray x, INDArray y) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    float[] before = net.params().toFloatVector();
    Nd4j.getRandom().setSeed(9);
    for (int i = 0; i < 10; i++) {
      net.fit(x, y);
    }
    float[] after = net.params().toFloatVector();
    assertThat(after).isNotEqualTo(before);
    return after;
  }

  @Test
  void onlyTheFirstLayerMayGoWithoutTheInputGradient() {
    MultiLayerNetwork net = new MultiLayerNetwork(twoLayers(true, true, false));
    assertThatThrownBy(net::init)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("layer 1 is configured with inputGradient(false)")
        .hasMessageContaining("only a network's first layer");
  }
}
