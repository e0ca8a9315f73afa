package dev.dltrack.trainer.study;

import dev.dltrack.trainer.data.LabeledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss and accuracy of a network on a set of images, from one forward pass per batch (no
 * dropout). The loss is DL4J's MCXENT as its score computes it: the softmax output clipped to
 * [1e-10, 1 - 1e-10], the mean over examples of -sum(label * log(output)).
 */
record Evaluation(double loss, double accuracy) {
  private static final double CLIP = 1e-10;
  private static final int BATCH = 2000;

  static Evaluation of(MultiLayerNetwork net, INDArray features, INDArray labels) {
    long n = features.size(0);
    double lossSum = 0;
    long correct = 0;
    for (long from = 0; from < n; from += BATCH) {
      long to = Math.min(n, from + BATCH);
      INDArray x = features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray y = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray out = net.output(x, false).castTo(DataType.DOUBLE);
      INDArray clipped = Transforms.min(Transforms.max(out, CLIP, true), 1 - CLIP, false);
      lossSum -= Transforms.log(clipped, false).muli(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
      long[] predicted = out.argMax(1).toLongVector();
      long[] actual = y.argMax(1).toLongVector();
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == actual[i]) {
          correct++;
        }
      }
    }
    return new Evaluation(lossSum / n, (double) correct / n);
  }

  static Evaluation of(MultiLayerNetwork net, LabeledImages images) {
    return of(net, images.features(), images.labels());
  }
}
