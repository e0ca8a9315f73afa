package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OrthogonalSchemeTest {
  private static final double TOLERANCE = 1e-5;

  /** The largest deviation of {@code product} from the identity. */
  private static double distanceFromIdentity(INDArray product) {
    INDArray identity = Nd4j.eye(product.rows()).castTo(DataType.DOUBLE);
    return product.castTo(DataType.DOUBLE).sub(identity).amaxNumber().doubleValue();
  }

  private static MultiLayerNetwork orthogonal(MultiLayerNetwork net) {
    InitScheme.byName("orthogonal").apply(net, InitContext.of(42));
    return net;
  }

  @Test
  void tallLayersHaveOrthonormalColumns() {
    MultiLayerNetwork net = orthogonal(Networks.study(1));

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      INDArray w = Networks.weights(net, layer);
      assertThat(distanceFromIdentity(w.transpose().mmul(w)))
          .as("layer %d", layer)
          .isLessThan(TOLERANCE);
    }
  }

  @Test
  void wideLayersHaveOrthonormalRows() {
    INDArray w = Networks.weights(orthogonal(Networks.mlp(1, 10, 64, 3)), 0);

    assertThat(w.shape()).containsExactly(10, 64);
    assertThat(distanceFromIdentity(w.mmul(w.transpose()))).isLessThan(TOLERANCE);
  }

  @Test
  void squareLayersAreOrthogonalMatrices() {
    INDArray w = Networks.weights(orthogonal(Networks.mlp(1, 64, 64, 3)), 0);

    assertThat(distanceFromIdentity(w.transpose().mmul(w))).isLessThan(TOLERANCE);
    assertThat(distanceFromIdentity(w.mmul(w.transpose()))).isLessThan(TOLERANCE);
  }

  @Test
  void biasesAreZero() {
    MultiLayerNetwork net = Networks.study(1);
    Networks.biases(net, 0).assign(1);

    orthogonal(net);

    assertThat(Networks.values(Networks.biases(net, 0))).containsOnly(0.0);
  }
}
