package dev.dltrack.bench;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Models besides the study's on which {@link ListenerOverhead} measures the tracker's cost. */
final class OtherModels {
  private OtherModels() {}

  /** The study's MLP (784-256-128-10, ReLU, dropout 0.2, softmax) as a ComputationGraph. */
  static ComputationGraph graph(long seed, double learningRate) {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .graphBuilder()
                .addInputs("pixels")
                .addLayer(
                    "hidden1",
                    new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build(),
                    "pixels")
                .addLayer(
                    "hidden2",
                    new DenseLayer.Builder()
                        .nIn(256)
                        .nOut(128)
                        .activation(Activation.RELU)
                        .dropOut(0.8)
                        .build(),
                    "hidden1")
                .addLayer(
                    "classes",
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .dropOut(0.8)
                        .build(),
                    "hidden2")
                .setOutputs("classes")
                .build());
    graph.init();
    return graph;
  }

  /** A small CNN with batch normalization on the 28x28 images, given as rows of 784 pixels. */
  static MultiLayerNetwork cnn(long seed, double learningRate) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(
                    new ConvolutionLayer.Builder(5, 5)
                        .nOut(16)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
    net.init();
    return net;
  }
}
