package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The listener's logits (straight to BLAS where the layout allows it) equal ND4J's {@code mmul}
 * for every layout the listener meets: weights as views into a network's flattened parameters,
 * inputs in either order, minibatches as row blocks of a larger array, and what falls back to ND4J.
 */
class DenseLogitsMatchNd4jTest {
  /** The output layer's weights: a column-major view at an offset into the network's parameters. */
  private static INDArray outputWeights(int nIn, int nOut) {
    MultiLayerNetwork net = Fixtures.reluSoftmax(3, 9, nIn, nOut, 1e-3);
    INDArray w = net.getLayer(1).getParam("W");
    assertThat(w.offset()).isPositive();
    return w;
  }

  private static void assertMatches(DenseLogits logits, INDArray input, INDArray w) {
    float[] got = logits.of(input, w);
    INDArray expected = input.castTo(w.dataType()).mmul(w);
    int classes = w.columns();
    assertThat(got).hasSize(input.rows() * classes);
    for (int i = 0; i < input.rows(); i++) {
      for (int j = 0; j < classes; j++) {
        assertThat(got[i * classes + j])
            .as("row %s, class %s (input '%s', %s)", i, j, input.ordering(), input.dataType())
            .isCloseTo(expected.getFloat(i, j), within(1e-5f));
      }
    }
  }

  @Test
  void rowAndColumnMajorInputsAgainstAWeightView() {
    INDArray w = outputWeights(13, 10);
    DenseLogits logits = new DenseLogits();
    INDArray rowMajor = Nd4j.rand(DataType.FLOAT, 17, 13).subi(0.5);
    assertMatches(logits, rowMajor, w);
    assertMatches(logits, rowMajor.dup('f'), w);
    assertMatches(logits, Nd4j.rand(DataType.FLOAT, 1, 13), w);
  }

  @Test
  void aMinibatchThatIsARowBlockOfALargerArray() {
    INDArray w = outputWeights(6, 4);
    INDArray all = Nd4j.rand(DataType.FLOAT, 20, 6);
    INDArray block = all.get(NDArrayIndex.interval(8, 16), NDArrayIndex.all());
    assertThat(block.offset()).isPositive();
    assertMatches(new DenseLogits(), block, w);
  }

  @Test
  void theBufferFollowsAChangeOfMinibatchSize() {
    INDArray w = outputWeights(5, 3);
    DenseLogits logits = new DenseLogits();
    assertMatches(logits, Nd4j.rand(DataType.FLOAT, 8, 5), w);
    assertMatches(logits, Nd4j.rand(DataType.FLOAT, 3, 5), w); // an epoch's short last minibatch
    assertMatches(logits, Nd4j.rand(DataType.FLOAT, 8, 5), w);
  }

  @Test
  void stridedAndDoubleInputsGoThroughNd4j() {
    INDArray w = outputWeights(5, 3);
    INDArray wide = Nd4j.rand(DataType.FLOAT, 7, 10);
    INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 10));
    assertThat(strided.columns()).isEqualTo(5);
    assertMatches(new DenseLogits(), strided, w);
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 5);
    assertMatches(new DenseLogits(), doubles, w.castTo(DataType.DOUBLE));
  }
}
