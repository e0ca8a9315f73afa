package dev.dltrack.trainer.init;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer-sequential unit-variance initialization (Mishkin &amp; Matas, "All you need is a good
 * init", 2015): orthogonal weights (as {@code orthogonal}, from the same seed), then, layer by
 * layer from the input, the layer's weights are divided by the standard deviation of its output on
 * a data batch until that variance is within {@link #TOLERANCE} of 1, at most {@link #MAX_PASSES}
 * times.
 *
 * <p>The output measured is the pre-activation {@code xW + b} (b is zero), as in the paper, whose
 * Caffe layers output before a separate ReLU layer. A DL4J dense layer's activation is part of the
 * layer, but its output after a softmax could never reach variance 1. The variance is over all
 * units and examples of the batch.
 */
final class LsuvScheme implements InitScheme {
  static final double TOLERANCE = 0.1;
  static final int MAX_PASSES = 10;

  private final InitScheme orthogonal;

  LsuvScheme(InitScheme orthogonal) {
    this.orthogonal = requireNonNull(orthogonal, "orthogonal");
  }

  @Override
  public String name() {
    return "lsuv";
  }

  @Override
  public String description() {
    return "LSUV (Mishkin & Matas 2015): orthogonal, then each layer scaled to unit output"
        + " variance on a data batch";
  }

  @Override
  public void apply(MultiLayerNetwork net, InitContext context) {
    requireNonNull(net, "net");
    INDArray batch =
        requireNonNull(context, "context")
            .batch()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "lsuv needs a batch of training inputs to measure each"
                            + " layer's output variance: pass InitContext.withBatch(seed, batch)"));
    int[] layers = DenseLayers.indices(net, name());
    orthogonal.apply(net, context);
    for (int index : layers) {
      INDArray w = net.getLayer(index).getParam(DenseLayers.WEIGHTS);
      // Earlier layers are final by now, so the layer's input is computed once.
      INDArray input = net.feedForwardToLayer(index, batch.castTo(w.dataType()), false).get(index);
      for (int pass = 0; pass < MAX_PASSES; pass++) {
        double variance = variance(input.mmul(w));
        if (Math.abs(variance - 1) < TOLERANCE) {
          break;
        }
        if (!(variance > 0) || Double.isInfinite(variance)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "lsuv cannot scale layer %d: its output variance on the batch is %s; use a batch"
                      + " of real, varied inputs",
                  index,
                  variance));
        }
        w.divi(Math.sqrt(variance));
      }
    }
  }

  /** Population variance of all elements. */
  private static double variance(INDArray values) {
    double[] v = values.ravel().toDoubleVector();
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double sumOfSquares = 0;
    for (double x : v) {
      sumOfSquares += (x - mean) * (x - mean);
    }
    return sumOfSquares / v.length;
  }

  @Override
  public String toString() {
    return name();
  }
}
