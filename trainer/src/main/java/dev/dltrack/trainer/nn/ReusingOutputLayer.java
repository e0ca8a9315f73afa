package dev.dltrack.trainer.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * DL4J's {@link OutputLayer}, configured the same way and computing the same parameters, gradients
 * and score bit for bit, with one matrix product fewer per training iteration: DL4J's output layer
 * (1.0.0-M2.1) computes its pre-activation in the backward pass and again for the iteration's
 * score ({@code BaseOutputLayer.computeScore}); this layer keeps the first for the second.
 */
public class ReusingOutputLayer extends OutputLayer {
  /** For DL4J's JSON configuration format; use {@link Builder}. */
  public ReusingOutputLayer() {}

  private ReusingOutputLayer(Builder builder) {
    super(builder);
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet(
        "ReusingOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    ReusingOutput layer = new ReusingOutput(conf, networkDataType);
    return LayerWiring.wire(
        layer, conf, trainingListeners, layerIndex, layerParamsView, initializer(), initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReusingOutputLayer && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 1;
  }

  /** DL4J's {@code OutputLayer.Builder}, building a {@link ReusingOutputLayer}. */
  // DL4J's Builder.build() is generic in its result type (javac warns at the class, not at the
  // method); this builder's result is always this layer
  @SuppressWarnings("unchecked")
  public static final class Builder extends OutputLayer.Builder {
    /** With DL4J's default loss (cross-entropy) and activation (softmax). */
    public Builder() {}

    /** With {@code lossFunction}, and softmax as DL4J's builder. */
    public Builder(LossFunction lossFunction) {
      super(lossFunction);
    }

    /** With {@code lossFunction}, and softmax as DL4J's builder. */
    public Builder(ILossFunction lossFunction) {
      super(lossFunction);
    }

    @Override
    public ReusingOutputLayer build() {
      return new ReusingOutputLayer(this);
    }
  }
}
