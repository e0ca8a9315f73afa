package dev.dltrack.trainer.study;

import static java.util.Objects.requireNonNull;

import dev.dltrack.trainer.nn.ReusingDenseLayer;
import dev.dltrack.trainer.nn.ReusingOutputLayer;
import dev.dltrack.trainer.nn.StudyDropout;
import dev.dltrack.trainer.nn.StudyUpdater;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The study's network: 784 → Dense 256 ReLU → Dropout 0.2 → Dense 128 ReLU → Dropout 0.2 → Dense 10
 * softmax, cross-entropy loss, Adam.
 *
 * <p>DL4J applies a layer's dropout to that layer's input and takes the probability to keep, so
 * "Dropout 0.2 after a layer" is {@code dropOut(0.8)} on the next one. Layers are 0, 1 and 2, the
 * indices the tracker's listener uses in tags.
 */
public final class StudyModel {
  /** The architecture, as logged in each run's config. */
  public static final String DESCRIPTION =
      "784-Dense256(ReLU)-Dropout0.2-Dense128(ReLU)-Dropout0.2-Dense10(softmax)";

  /** The dropout rate of the study; DL4J is given its complement, the keep probability. */
  public static final double DROPOUT = 0.2;

  /**
   * Which DL4J layer classes carry the model: the same configuration, parameters and, with the same
   * seed and kernels, the same results bit for bit either way.
   */
  public enum Layers {
    /** DL4J's own {@code DenseLayer} and {@code OutputLayer}. */
    DL4J,
    /**
     * {@link ReusingDenseLayer} and {@link ReusingOutputLayer}: 8 matrix products per training
     * iteration instead of DL4J's 12 (129 instead of 240 MFLOP). The study's default.
     */
    REUSING
  }

  private StudyModel() {}

  /** A new, initialized network on {@link Layers#REUSING}; a scheme then overwrites its weights. */
  public static MultiLayerNetwork build(long seed, double learningRate) {
    return build(seed, learningRate, Layers.REUSING);
  }

  /** A new, initialized network on {@code layers}; a scheme then overwrites its weights. */
  public static MultiLayerNetwork build(long seed, double learningRate, Layers layers) {
    boolean reusing = requireNonNull(layers, "layers") == Layers.REUSING;
    DenseLayer.Builder first =
        reusing ? new ReusingDenseLayer.Builder().inputGradient(false) : new DenseLayer.Builder();
    DenseLayer.Builder second =
        reusing ? new ReusingDenseLayer.Builder() : new DenseLayer.Builder();
    OutputLayer.Builder output =
        reusing
            ? new ReusingOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            : new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT);
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .list()
                .layer(first.nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(
                    second
                        .nIn(256)
                        .nOut(128)
                        .activation(Activation.RELU)
                        .dropOut(new StudyDropout(1 - DROPOUT))
                        .build())
                .layer(
                    output
                        .nIn(128)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .dropOut(new StudyDropout(1 - DROPOUT))
                        .build())
                .build());
    net.init();
    net.setUpdater(new StudyUpdater(net));
    return net;
  }
}
