package dev.dltrack.trainer.init;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks to initialize, and reading their weights back. */
final class Networks {
  /** Indices of the study network's dense layers; 1 and 3 are dropout layers. */
  static final int[] STUDY_DENSE_LAYERS = {0, 2, 4};

  private Networks() {}

  /** The study's MLP: 784 -> 256 ReLU -> dropout -> 128 ReLU -> dropout -> 10 softmax. */
  static MultiLayerNetwork study(long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DropoutLayer(0.8))
                .layer(
                    new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new DropoutLayer(0.8))
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  /** An MLP of ReLU layers of the given widths (input first) and a softmax output layer. */
  static MultiLayerNetwork mlp(long seed, int... widths) {
    ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed).list();
    for (int i = 0; i < widths.length - 2; i++) {
      layers.layer(
          new DenseLayer.Builder()
              .nIn(widths[i])
              .nOut(widths[i + 1])
              .activation(Activation.RELU)
              .build());
    }
    layers.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(widths[widths.length - 2])
            .nOut(widths[widths.length - 1])
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
    net.init();
    return net;
  }

  static INDArray weights(MultiLayerNetwork net, int layer) {
    return net.getLayer(layer).getParam("W");
  }

  static INDArray biases(MultiLayerNetwork net, int layer) {
    return net.getLayer(layer).getParam("b");
  }

  /** All parameters, exactly. */
  static float[] parameters(MultiLayerNetwork net) {
    return net.params().dup().data().asFloat();
  }

  /** A layer's weights in row-major order, exactly. */
  static double[] values(INDArray weights) {
    return weights.dup('c').data().asDouble();
  }

  /** {@code examples} inputs of {@code width} values in [0, 1), like scaled pixels. */
  static INDArray batch(int examples, int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[examples * width];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    return Nd4j.create(values, new long[] {examples, width}, 'c');
  }

  /** The pre-activations {@code xW + b} of every dense layer of {@code net} on {@code batch}. */
  static List<INDArray> preActivations(MultiLayerNetwork net, int[] denseLayers, INDArray batch) {
    List<INDArray> inputs = net.feedForward(batch, false);
    List<INDArray> result = new ArrayList<>();
    for (int layer : denseLayers) {
      result.add(inputs.get(layer).mmul(weights(net, layer)).addRowVector(biases(net, layer)));
    }
    return result;
  }
}
