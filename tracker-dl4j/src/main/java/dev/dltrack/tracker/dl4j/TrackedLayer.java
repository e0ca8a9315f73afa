package dev.dltrack.tracker.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * One layer of a network as the listener logs it.
 *
 * @param tag the tag prefix: {@code layer<i>} in a MultiLayerNetwork, the vertex name in a graph
 * @param gradientKeyPrefix how DL4J prefixes this layer's variables in a {@code Gradient}
 * @param trained parameters the updater trains: histograms, gradients and update ratios
 * @param state parameters no updater trains (batch norm's running mean and variance, frozen
 *     layers): histograms only, since their "gradient" and update ratio mean nothing
 * @param relu whether the layer's activation is ReLU (its dead-unit fraction is logged)
 * @param activations whether its probe activations are logged: layers with parameters and
 *     activation layers
 * @param channelsLast whether units lie on the last axis of rank-3/4 activations (NWC, NHWC);
 *     otherwise on axis 1
 */
record TrackedLayer(
    String tag,
    String gradientKeyPrefix,
    Layer layer,
    List<String> trained,
    List<String> state,
    boolean relu,
    boolean activations,
    boolean channelsLast) {

  static TrackedLayer of(String tag, String gradientKeyPrefix, Layer layer) {
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    List<String> trained = new ArrayList<>();
    List<String> state = new ArrayList<>();
    for (String p : layer.paramTable().keySet()) {
      (isTrained(conf, p) ? trained : state).add(p);
    }
    IActivation fn =
        conf instanceof BaseLayer b
            ? b.getActivationFn()
            : conf instanceof ActivationLayer a ? a.getActivationFn() : null;
    return new TrackedLayer(
        tag,
        gradientKeyPrefix,
        layer,
        List.copyOf(trained),
        List.copyOf(state),
        fn instanceof ActivationReLU,
        layer.numParams() > 0 || conf instanceof ActivationLayer,
        channelsLast(conf));
  }

  private static boolean isTrained(org.deeplearning4j.nn.conf.layers.Layer conf, String param) {
    try {
      return !(conf.getUpdaterByParam(param) instanceof NoOp);
    } catch (RuntimeException unknownToTheConfiguration) {
      return true; // some wrappers do not know their inner layer's names: trained, as by default
    }
  }

  static boolean channelsLast(org.deeplearning4j.nn.conf.layers.Layer conf) {
    if (conf instanceof ConvolutionLayer c) {
      return c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }
    if (conf instanceof SubsamplingLayer s) {
      return s.getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }
    if (conf instanceof BatchNormalization bn) {
      return bn.getCnn2DFormat() == CNN2DFormat.NHWC;
    }
    if (conf instanceof BaseRecurrentLayer r) {
      return r.getRnnDataFormat() == RNNFormat.NWC;
    }
    if (conf instanceof RnnOutputLayer r) {
      return r.getRnnDataFormat() == RNNFormat.NWC;
    }
    return false;
  }
}
