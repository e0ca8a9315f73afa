package dev.dltrack.tracker.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAPE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSLE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * One output of a network and the metric that means something for it.
 *
 * @param name the tag infix: empty for a network's only output, else the output's vertex name
 * @param layer the output layer; null when the output is not a layer (no metric then)
 * @param kind what is measured on it
 * @param preProcessor what DL4J applies to the layer's input, or null
 * @param input the vertex feeding it, in a graph; null in a MultiLayerNetwork
 * @param channelsLast whether classes lie on the last axis of rank-3/4 outputs
 * @param sparseLabels whether labels are class indices (sparse cross-entropy), not one-hot
 * @param denseSoftmax whether the layer is DL4J's dense {@code OutputLayer} with softmax and
 *     one-hot cross-entropy, its input not preprocessed: its accuracy is the argmax of {@code
 *     input · W + b}, without the softmax
 */
record Output(
    String name,
    Layer layer,
    Kind kind,
    InputPreProcessor preProcessor,
    String input,
    boolean channelsLast,
    boolean sparseLabels,
    boolean denseSoftmax) {

  /** What an output's training metrics are. */
  enum Kind {
    /** softmax with a cross-entropy loss: accuracy of the argmax */
    CLASSES,
    /** sigmoid with a cross-entropy loss: accuracy of each output thresholded at 0.5 */
    BINARY,
    /** a regression loss (MSE, L2, L1, MAE, MSLE, MAPE): mean squared and absolute error */
    REGRESSION,
    /** any other loss: the loss says it all */
    NONE
  }

  static Output of(String name, Layer layer, InputPreProcessor preProcessor, String input) {
    if (layer == null) {
      return new Output(name, null, Kind.NONE, preProcessor, input, false, false, false);
    }
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    ILossFunction loss = lossOf(conf);
    IActivation fn = conf instanceof BaseLayer b ? b.getActivationFn() : null;
    boolean classification = loss instanceof LossMCXENT || loss instanceof LossBinaryXENT;
    Kind kind;
    if (classification && fn instanceof ActivationSoftmax) {
      kind = Kind.CLASSES;
    } else if (classification && fn instanceof ActivationSigmoid) {
      kind = Kind.BINARY;
    } else if (loss instanceof LossL2 || loss instanceof LossL1 || loss instanceof LossMSLE
        || loss instanceof LossMAPE) {
      kind = Kind.REGRESSION;
    } else {
      kind = Kind.NONE;
    }
    boolean channelsLast =
        conf instanceof RnnOutputLayer r ? r.getRnnDataFormat() == RNNFormat.NWC
            : conf instanceof RnnLossLayer r ? r.getRnnDataFormat() == RNNFormat.NWC
            : conf instanceof CnnLossLayer c && c.getFormat() == CNN2DFormat.NHWC;
    boolean sparse = loss instanceof LossSparseMCXENT;
    boolean denseSoftmax = layer instanceof org.deeplearning4j.nn.layers.OutputLayer
        && preProcessor == null
        && conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer
        && fn instanceof ActivationSoftmax
        && loss instanceof LossMCXENT
        && !sparse
        && layer.paramTable().containsKey("W");
    return new Output(name, layer, kind, preProcessor, input, channelsLast, sparse, denseSoftmax);
  }

  private static ILossFunction lossOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
    if (conf instanceof BaseOutputLayer o) {
      return o.getLossFn();
    }
    if (conf instanceof LossLayer o) {
      return o.getLossFn();
    }
    if (conf instanceof RnnLossLayer o) {
      return o.getLossFn();
    }
    if (conf instanceof CnnLossLayer o) {
      return o.getLossFn();
    }
    return null;
  }

  /** {@code train/accuracy} for the only output, {@code train/<name>/accuracy} for one of several. */
  String tag(String metric) {
    return name.isEmpty() ? Tags.TRAIN + "/" + metric : Tags.TRAIN + "/" + name + "/" + metric;
  }
}
