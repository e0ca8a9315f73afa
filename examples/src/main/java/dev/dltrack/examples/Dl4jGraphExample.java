package dev.dltrack.examples;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.Evaluations;
import dev.dltrack.tracker.dl4j.TrackingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The listener on a {@link ComputationGraph} with two inputs (the spirals' x and y coordinates,
 * each through its own dense layer, merged), trained by a loop of your own over minibatches, and
 * DL4J's own evaluation logged after every epoch. Tags carry the graph's vertex names: {@code
 * x_branch/W}, {@code out/update_ratio/W}, ...
 */
public final class Dl4jGraphExample {
  private Dl4jGraphExample() {}

  public static void main(String[] args) throws Exception {
    Path logRoot = Path.of(args.length > 0 ? args[0] : "logs");
    DataSet data = Dl4jListenerExample.spirals(600, 7);
    INDArray x = data.getFeatures().getColumn(0, true);
    INDArray y = data.getFeatures().getColumn(1, true);
    List<MultiDataSet> batches = twoInputs(data, 50);

    // --- copy from here ---
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("x", "y")
                .addLayer(
                    "x_branch",
                    new DenseLayer.Builder().nIn(1).nOut(32).activation(Activation.TANH).build(),
                    "x")
                .addLayer(
                    "y_branch",
                    new DenseLayer.Builder().nIn(1).nOut(32).activation(Activation.TANH).build(),
                    "y")
                .addVertex("merged", new MergeVertex(), "x_branch", "y_branch")
                .addLayer(
                    "hidden",
                    new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build(),
                    "merged")
                .addLayer(
                    "out",
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(64)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build(),
                    "hidden")
                .setOutputs("out")
                .build());
    graph.init();
    try (Run run = Run.builder("spirals-graph").logRoot(logRoot).config("lr", 1e-2).open()) {
      TrackingListener listener =
          TrackingListener.builder(run).probe(x, y).build(); // one array per input
      graph.setListeners(listener);
      for (int epoch = 1; epoch <= 20; epoch++) {
        for (MultiDataSet batch : batches) {
          graph.fit(batch);
        }
        listener.epochEnd(); // your loop: tell the listener where the epoch ends
        Evaluation eval = new Evaluation(List.of("red", "green", "blue"));
        eval.eval(data.getLabels(), graph.output(x, y)[0]);
        Evaluations.log(
            run, graph.getIterationCount(), "eval", eval); // accuracy, f1/<class>, confusion matrix
      }
    }
    // --- to here ---
    System.out.println("wrote " + logRoot.resolve("spirals-graph").toAbsolutePath());
  }

  /** The spirals as minibatches of two single-column inputs. */
  static List<MultiDataSet> twoInputs(DataSet data, int batch) {
    List<MultiDataSet> batches = new ArrayList<>();
    for (DataSet b : data.batchBy(batch)) {
      batches.add(
          new MultiDataSet(
              new INDArray[] {
                b.getFeatures().getColumn(0, true), b.getFeatures().getColumn(1, true)
              },
              new INDArray[] {b.getLabels()}));
    }
    return batches;
  }
}
