package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LsuvSchemeTest {
  private static final InitScheme LSUV = InitScheme.byName("lsuv");
  private static final INDArray BATCH = Networks.batch(256, 784, 3);

  private static double variance(INDArray values) {
    return values.castTo(DataType.DOUBLE).var(false).getDouble(0);
  }

  @Test
  void everyLayersOutputHasUnitVarianceOnTheBatch() {
    MultiLayerNetwork net = Networks.study(1);

    LSUV.apply(net, InitContext.withBatch(42, BATCH));

    List<INDArray> outputs = Networks.preActivations(net, Networks.STUDY_DENSE_LAYERS, BATCH);
    for (int i = 0; i < outputs.size(); i++) {
      assertThat(variance(outputs.get(i)))
          .as("output variance of dense layer %d", i)
          .isCloseTo(1, within(0.1));
    }
  }

  @Test
  void weightsAreScaledOrthogonalMatrices() {
    MultiLayerNetwork net = Networks.study(1);

    LSUV.apply(net, InitContext.withBatch(42, BATCH));

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      INDArray w = Networks.weights(net, layer).castTo(DataType.DOUBLE);
      INDArray gram = w.transpose().mmul(w);
      double scale = gram.getDouble(0, 0);
      INDArray scaledIdentity = Nd4j.eye(gram.rows()).castTo(DataType.DOUBLE).muli(scale);
      assertThat(gram.sub(scaledIdentity).amaxNumber().doubleValue())
          .as("layer %d", layer)
          .isLessThan(1e-5 * scale);
    }
  }

  @Test
  void biasesAreZero() {
    MultiLayerNetwork net = Networks.study(1);
    Networks.biases(net, 2).assign(1);

    LSUV.apply(net, InitContext.withBatch(42, BATCH));

    assertThat(Networks.values(Networks.biases(net, 2))).containsOnly(0.0);
  }

  @Test
  void needsADataBatch() {
    assertThatThrownBy(() -> LSUV.apply(Networks.study(1), InitContext.of(42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "lsuv needs a batch of training inputs to measure each layer's output"
                + " variance: pass InitContext.withBatch(seed, batch)");
  }

  @Test
  void refusesABatchOnWhichALayersOutputIsConstant() {
    INDArray zeros = Nd4j.zeros(DataType.FLOAT, 16, 784);

    assertThatThrownBy(() -> LSUV.apply(Networks.study(1), InitContext.withBatch(42, zeros)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "lsuv cannot scale layer 0: its output variance on the batch is 0.0; use a"
                + " batch of real, varied inputs");
  }
}
