package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Evaluation} reads the network's outputs in Java; what it computes is, double bit for
 * double bit and float bit for float bit, what the same evaluation computed with ND4J's ops
 * throughout (argmax on the device, outputs read element by element): the reference below.
 */
class EvaluationMatchesNd4jOpsTest {
  /** The evaluation as it was computed with ND4J's ops, the reference. */
  private static Evaluation.Scored reference(
      MultiLayerNetwork net, INDArray features, INDArray labels) {
    long n = features.size(0);
    double lossSum = 0;
    long correct = 0;
    int[] classes = new int[(int) n];
    float[][] probabilities = new float[(int) n][];
    boolean finite = true;
    for (long from = 0; from < n; from += 2000) {
      long to = Math.min(n, from + 2000);
      INDArray x = features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray y = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray output = net.output(x, false);
      INDArray out = output.castTo(DataType.DOUBLE);
      INDArray clipped = Transforms.min(Transforms.max(out, 1e-10, true), 1 - 1e-10, false);
      lossSum -=
          Transforms.log(clipped, false).muli(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
      long[] predicted = out.argMax(1).toLongVector();
      long[] actual = y.argMax(1).toLongVector();
      float[][] rows = output.castTo(DataType.FLOAT).toFloatMatrix();
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == actual[i]) {
          correct++;
        }
        int row = (int) from + i;
        classes[row] = (int) actual[i];
        for (int c = 0; c < rows[i].length; c++) {
          float p = rows[i][c];
          if (!Float.isFinite(p)) {
            finite = false;
          }
          rows[i][c] = Math.min(1f, Math.max(0f, p));
        }
        probabilities[row] = rows[i];
      }
    }
    return new Evaluation.Scored(
        new Evaluation(lossSum / n, (double) correct / n), classes, finite ? probabilities : null);
  }

  /** {@code n} random images and one-hot labels, from a seeded generator. */
  private static INDArray[] data(int n, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    float[] oneHot = new float[n * 10];
    for (int i = 0; i < n; i++) {
      oneHot[i * 10 + random.nextInt(10)] = 1;
    }
    return new INDArray[] {
      Nd4j.create(pixels, new long[] {n, 784}, 'c'), Nd4j.create(oneHot, new long[] {n, 10}, 'c')
    };
  }

  private static void assertSame(Evaluation.Scored actual, Evaluation.Scored expected) {
    assertThat(Double.doubleToRawLongBits(actual.evaluation().loss()))
        .isEqualTo(Double.doubleToRawLongBits(expected.evaluation().loss()));
    assertThat(Double.doubleToRawLongBits(actual.evaluation().accuracy()))
        .isEqualTo(Double.doubleToRawLongBits(expected.evaluation().accuracy()));
    assertThat(actual.labels()).isEqualTo(expected.labels());
    if (expected.probabilities() == null) {
      assertThat(actual.probabilities()).isNull();
      return;
    }
    assertThat(actual.probabilities().length).isEqualTo(expected.probabilities().length);
    for (int i = 0; i < expected.probabilities().length; i++) {
      assertThat(bits(actual.probabilities()[i])).isEqualTo(bits(expected.probabilities()[i]));
    }
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  @Test
  void aTrainedNetworksEvaluationOverSeveralBatchesAndAShortLastOne() {
    Nd4j.getRandom().setSeed(7);
    MultiLayerNetwork net = StudyModel.build(7, 1e-3);
    INDArray[] train = data(256, 1);
    for (int i = 0; i < 5; i++) {
      net.fit(train[0], train[1]);
    }
    INDArray[] val = data(4_500, 2);
    assertSame(Evaluation.scored(net, val[0], val[1]), reference(net, val[0], val[1]));
  }

  @Test
  void aNetworkWithNonFiniteOutputsScoresAsNd4jDidAndDrawsNoCurves() {
    MultiLayerNetwork net = StudyModel.build(7, 1e-3);
    INDArray w = net.getLayer(2).getParam("W");
    w.putScalar(0, 3, Float.NaN);
    w.putScalar(5, 7, Float.POSITIVE_INFINITY);
    INDArray[] val = data(2_300, 3);
    Evaluation.Scored actual = Evaluation.scored(net, val[0], val[1]);
    assertThat(actual.probabilities()).isNull();
    assertSame(actual, reference(net, val[0], val[1]));
  }
}
