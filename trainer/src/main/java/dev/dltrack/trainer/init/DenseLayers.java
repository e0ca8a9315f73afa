package dev.dltrack.trainer.init;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layers a scheme initializes, and writing their parameters. */
final class DenseLayers {
  static final String WEIGHTS = "W";
  static final String BIASES = "b";

  private DenseLayers() {}

  /** Indices of {@code net}'s dense and output layers, in order. */
  static int[] indices(MultiLayerNetwork net, String scheme) {
    Layer[] layers = net.getLayers();
    if (layers == null) {
      throw new IllegalStateException(
          "the network has no layers yet: call net.init() before applying " + scheme);
    }
    for (int i = 0; i < layers.length; i++) {
      if (!isDense(layers[i]) && layers[i].numParams() > 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "layer %d (%s) has parameters but is not a DenseLayer or OutputLayer; %s initializes"
                    + " only those",
                i,
                layers[i].conf().getLayer().getClass().getSimpleName(),
                scheme));
      }
    }
    return IntStream.range(0, layers.length).filter(i -> isDense(layers[i])).toArray();
  }

  private static boolean isDense(Layer layer) {
    var conf = layer.conf().getLayer();
    return conf instanceof DenseLayer || conf instanceof OutputLayer;
  }

  /** Sets the weights from row-major {@code [nIn, nOut]} values, and the biases to zero. */
  static void set(Layer layer, double[] weights) {
    INDArray w = layer.getParam(WEIGHTS);
    if (weights.length != w.length()) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%d values for weights of shape %s",
              weights.length,
              Arrays.toString(w.shape())));
    }
    // assign() converts to the network's data type and writes through to its parameter view.
    w.assign(Nd4j.create(weights, w.shape(), 'c'));
    layer.getParam(BIASES).assign(0);
  }
}
