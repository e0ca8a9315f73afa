package dev.dltrack.examples;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.TrackingListener;
import dev.dltrack.trainer.init.InitContext;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The tracker's DL4J listener on your own network (here a small one that learns three noisy
 * spirals), initialized with one of the study's schemes. The lines between the markers are what
 * you copy into your project.
 */
public final class Dl4jListenerExample {
  private Dl4jListenerExample() {}

  public static void main(String[] args) throws Exception {
    Path logRoot = Path.of(args.length > 0 ? args[0] : "logs");
    DataSet data = spirals(600, 42);
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .seed(42).updater(new Sgd(0.1)).list()
        .layer(new DenseLayer.Builder().nIn(2).nOut(64).activation(Activation.TANH).build())
        .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(64).nOut(3).activation(Activation.SOFTMAX).build())
        .build());
    net.init();

    // --- copy from here ---
    InitScheme.byName("he-normal").apply(net, InitContext.of(42));
    try (Run run = Run.builder("spirals-he-normal").logRoot(logRoot)
        .config("scheme", "he-normal").config("lr", 0.1).open()) {
      net.setListeners(TrackingListener.builder(run).probe(data.getFeatures()).build());
      net.fit(new ListDataSetIterator<>(data.asList(), 50), 30);
      run.summary("train/accuracy_final",
          net.evaluate(new ListDataSetIterator<>(data.asList(), 600)).accuracy());
    }
    // --- to here ---
    System.out.println("wrote " + logRoot.resolve("spirals-he-normal").toAbsolutePath());
  }

  /** Three interleaved noisy spirals in the plane, {@code n} points, one-hot labels. */
  static DataSet spirals(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.create(n, 2);
    INDArray y = Nd4j.zeros(n, 3);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      double t = r.nextDouble() * 3;
      double angle = t + c * 2 * Math.PI / 3;
      x.putScalar(i, 0, t * Math.cos(angle) + r.nextGaussian() * 0.1);
      x.putScalar(i, 1, t * Math.sin(angle) + r.nextGaussian() * 0.1);
      y.putScalar(i, c, 1);
    }
    return new DataSet(x, y);
  }
}
