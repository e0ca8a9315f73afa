package dev.dltrack.trainer.nn;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link DenseLayer}, configured the same way and computing the same parameters, gradients
 * and scores bit for bit, with fewer matrix products per training iteration.
 *
 * <p>DL4J's dense layer (1.0.0-M2.1, {@code BaseLayer.backpropGradient}) computes its
 * pre-activation {@code xW + b} again in the backward pass, although the forward pass just
 * computed it; this layer keeps it from the forward pass. And the gradient with respect to the
 * first layer's input (a {@code [batch, nIn]} product, 51 of the study's 240 MFLOP per iteration)
 * is computed by every dense layer and then dropped by {@code MultiLayerNetwork}; with {@link
 * Builder#inputGradient(boolean) inputGradient(false)} this layer does not compute it, and its
 * backward pass returns no input gradient. Only a network's first layer may do without it, and
 * only where nothing asks for the gradient with respect to the network's input ({@code
 * MultiLayerNetwork.calculateGradients} or an external-errors {@code backpropGradient} would get
 * none).
 *
 * <p>Being a {@code DenseLayer}, it is found by everything that looks for one (the study's
 * initialization schemes, the tracker's listener). With layer normalization it behaves exactly
 * as DL4J's layer, recomputing included.
 */
public class ReusingDenseLayer extends DenseLayer {
  @JsonProperty("inputGradient") // DL4J's JSON mapper sees bean properties and annotated fields
  private boolean inputGradient = true;

  /** For DL4J's JSON configuration format; use {@link Builder}. */
  public ReusingDenseLayer() {}

  private ReusingDenseLayer(DenseLayer configured, boolean inputGradient) {
    copyFields(configured, this);
    this.inputGradient = inputGradient;
  }

  /**
   * Copies every field DL4J's configuration classes declare, so that this layer is configured
   * exactly as the {@code DenseLayer} its builder built (DL4J's constructor from a builder is
   * private).
   */
  private static void copyFields(DenseLayer from, DenseLayer to) {
    for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          f.set(to, f.get(from));
        } catch (IllegalAccessException | RuntimeException e) {
          throw new IllegalStateException(
              "cannot copy DL4J's DenseLayer configuration field " + c.getSimpleName() + "."
                  + f.getName() + " (is this DL4J 1.0.0-M2.1?)", e);
        }
      }
    }
  }

  /** Whether the layer computes the gradient with respect to its input in the backward pass. */
  public boolean inputGradient() {
    return inputGradient;
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
        "ReusingDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    if (!inputGradient && layerIndex != 0) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "layer %d is configured with inputGradient(false), but only a network's first layer can"
              + " do without the gradient with respect to its input (the layer below needs it):"
              + " use inputGradient(true) there", layerIndex));
    }
    ReusingDense layer = new ReusingDense(conf, networkDataType, inputGradient);
    return LayerWiring.wire(
        layer, conf, trainingListeners, layerIndex, layerParamsView, initializer(), initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReusingDenseLayer other
        && other.inputGradient == inputGradient
        && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
  }

  @Override
  public String toString() {
    return "ReusingDenseLayer(inputGradient=" + inputGradient + ", " + super.toString() + ")";
  }

  /**
   * DL4J's {@code DenseLayer.Builder}, building a {@link ReusingDenseLayer}. Call {@link
   * #inputGradient(boolean)} first: DL4J's setters return its own builder type.
   */
  // DL4J's Builder.build() is generic in its result type (javac warns at the class, not at the
  // method); this builder's result is always this layer
  @SuppressWarnings("unchecked")
  public static final class Builder extends DenseLayer.Builder {
    private boolean inputGradient = true;

    /** A builder with DL4J's defaults, computing the input gradient. */
    public Builder() {}

    /**
     * Whether the backward pass computes the gradient with respect to the layer's input (default
     * true); false only for a network's first layer.
     */
    public Builder inputGradient(boolean needed) {
      this.inputGradient = needed;
      return this;
    }

    @Override
    public ReusingDenseLayer build() {
      return new ReusingDenseLayer(requireNonNull(super.build(), "DenseLayer"), inputGradient);
    }
  }
}
