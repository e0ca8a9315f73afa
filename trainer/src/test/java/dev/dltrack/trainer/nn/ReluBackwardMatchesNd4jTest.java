package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ReluBackward} gives ND4J's ReLU gradient, float bit for float bit, special values too. */
class ReluBackwardMatchesNd4jTest {
  private static final float[] SPECIAL = {
    0f,
    -0f,
    Float.NaN,
    -Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    Float.MAX_VALUE,
    1f,
    -1f
  };

  @Test
  void theGradientIsTheOpsBitForBit() {
    SplittableRandom random = new SplittableRandom(41);
    ReluBackward relu = new ReluBackward();
    for (int trial = 0; trial < 20; trial++) {
      int rows = 1 + random.nextInt(130);
      int cols = 1 + random.nextInt(300);
      float[] z = new float[rows * cols];
      float[] e = new float[rows * cols];
      for (int i = 0; i < z.length; i++) {
        z[i] = random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : gauss(random);
        e[i] = random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : gauss(random);
      }
      INDArray preActivation = Nd4j.create(z, new long[] {rows, cols}, 'c');
      INDArray epsilon = Nd4j.create(e, new long[] {rows, cols}, 'c');
      INDArray expected =
          new ActivationReLU().backprop(preActivation.dup(), epsilon.dup()).getFirst();
      INDArray actual = relu.gradient(preActivation, epsilon);
      assertThat(actual).isNotNull();
      assertThat(FloatBits.of(actual)).as("%d x %d", rows, cols).isEqualTo(FloatBits.of(expected));
    }
  }

  @Test
  void onlyThePlainReluIsTakenOver() {
    assertThat(ReluBackward.isPlainRelu(Activation.RELU.getActivationFunction())).isTrue();
    assertThat(ReluBackward.isPlainRelu(new ActivationReLU(6.0, null, null))).isFalse();
    assertThat(ReluBackward.isPlainRelu(new ActivationReLU(null, 0.5, null))).isFalse();
    assertThat(ReluBackward.isPlainRelu(new ActivationReLU(null, null, 0.1))).isFalse();
    assertThat(ReluBackward.isPlainRelu(Activation.LEAKYRELU.getActivationFunction())).isFalse();
  }

  private static float gauss(SplittableRandom random) {
    return (float) (random.nextDouble() * 2 - 1);
  }
}
