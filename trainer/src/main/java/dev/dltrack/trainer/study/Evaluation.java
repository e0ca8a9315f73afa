package dev.dltrack.trainer.study;

import dev.dltrack.trainer.data.LabeledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss and accuracy of a network on a set of images, from one forward pass per batch (no dropout).
 * The loss is DL4J's MCXENT as its score computes it: the softmax output clipped to [1e-10, 1 -
 * 1e-10], the mean over examples of -sum(label * log(output)).
 */
record Evaluation(double loss, double accuracy) {
  private static final double CLIP = 1e-10;
  private static final int BATCH = 2000;

  /**
   * An evaluation with what it saw: each example's class and the predicted class probabilities
   * (clamped to [0, 1] against float rounding), for PR curves. {@code probabilities} is null when
   * some output was not finite (a diverged network): no curve can be drawn from it.
   */
  record Scored(Evaluation evaluation, int[] labels, float[][] probabilities) {}

  static Evaluation of(MultiLayerNetwork net, INDArray features, INDArray labels) {
    return scored(net, features, labels).evaluation();
  }

  static Evaluation of(MultiLayerNetwork net, LabeledImages images) {
    return of(net, images.features(), images.labels());
  }

  static Scored scored(MultiLayerNetwork net, LabeledImages images) {
    return scored(net, images.features(), images.labels());
  }

  static Scored scored(MultiLayerNetwork net, INDArray features, INDArray labels) {
    int n = (int) features.size(0);
    double lossSum = 0;
    long correct = 0;
    int[] classes = new int[n];
    float[][] probabilities = new float[n][];
    boolean finite = true;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      INDArray x = features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray y = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray output = net.output(x, false);
      lossSum += loss(output, y);
      int width = (int) output.size(1);
      float[] out = rowMajor(output);
      float[] expected = rowMajor(y);
      boolean batchFinite = allFinite(out);
      // ND4J's argmax (first index of the largest value) where every output is finite; with a NaN
      // or an infinity, ND4J's own, whose start value and comparisons decide such rows
      long[] predicted =
          batchFinite ? null : output.castTo(DataType.DOUBLE).argMax(1).toLongVector();
      for (int i = 0; i < to - from; i++) {
        int row = from + i;
        int actual = argMax(expected, i * width, width);
        int guess = batchFinite ? argMax(out, i * width, width) : (int) predicted[i];
        if (guess == actual) {
          correct++;
        }
        classes[row] = actual;
        float[] p = new float[width];
        for (int c = 0; c < width; c++) {
          p[c] = Math.min(1f, Math.max(0f, out[i * width + c]));
        }
        probabilities[row] = p;
      }
      finite &= batchFinite;
    }
    return new Scored(
        new Evaluation(lossSum / n, (double) correct / n), classes, finite ? probabilities : null);
  }

  /**
   * -sum(label * log(clip(output))) over a batch, in doubles, by ND4J's ops (their summation
   * order).
   */
  private static double loss(INDArray output, INDArray y) {
    INDArray out = output.castTo(DataType.DOUBLE);
    INDArray clipped = Transforms.min(Transforms.max(out, CLIP, true), 1 - CLIP, false);
    return -Transforms.log(clipped, false)
        .muli(y.castTo(DataType.DOUBLE))
        .sumNumber()
        .doubleValue();
  }

  /**
   * A float matrix's elements in row-major order, in one read of its buffer: element by element
   * ({@code toFloatMatrix}) cost more than the network's forward pass over the same batch.
   */
  private static float[] rowMajor(INDArray m) {
    INDArray dense =
        m.dataType() == DataType.FLOAT && m.ordering() == 'c' && !m.isView()
            ? m
            : m.castTo(DataType.FLOAT).dup('c');
    float[] values = new float[(int) dense.length()];
    dense
        .data()
        .asNioFloat()
        .position((int) dense.offset())
        .limit((int) (dense.offset() + values.length))
        .slice()
        .get(values);
    return values;
  }

  private static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first index of the largest of {@code values[from, from + width)}, as ND4J's argmax for
   * finite values.
   */
  private static int argMax(float[] values, int from, int width) {
    int best = 0;
    for (int c = 1; c < width; c++) {
      if (values[from + c] > values[from + best]) {
        best = c;
      }
    }
    return best;
  }
}
