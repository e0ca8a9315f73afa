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
    long n = features.size(0);
    double lossSum = 0;
    long correct = 0;
    int[] classes = new int[(int) n];
    float[][] probabilities = new float[(int) n][];
    boolean finite = true;
    for (long from = 0; from < n; from += BATCH) {
      long to = Math.min(n, from + BATCH);
      INDArray x = features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray y = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray output = net.output(x, false);
      INDArray out = output.castTo(DataType.DOUBLE);
      INDArray clipped = Transforms.min(Transforms.max(out, CLIP, true), 1 - CLIP, false);
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
    return new Scored(
        new Evaluation(lossSum / n, (double) correct / n), classes, finite ? probabilities : null);
  }
}
