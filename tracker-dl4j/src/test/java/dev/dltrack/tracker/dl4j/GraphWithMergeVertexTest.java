package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A two-input ComputationGraph with a merge vertex: tags carry the graph's own vertex names. */
class GraphWithMergeVertexTest {
  @TempDir Path root;

  static ComputationGraph twoInputGraph() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("left", "right")
                .addLayer(
                    "left_dense",
                    new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build(),
                    "left")
                .addLayer(
                    "right_dense",
                    new DenseLayer.Builder().nIn(3).nOut(8).activation(Activation.TANH).build(),
                    "right")
                .addVertex("merged", new MergeVertex(), "left_dense", "right_dense")
                .addLayer(
                    "out",
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build(),
                    "merged")
                .setOutputs("out")
                .build());
    graph.init();
    return graph;
  }

  @Test
  void logsEachLayerUnderItsVertexNameAndTheOutputsAccuracy() throws Exception {
    ComputationGraph graph = twoInputGraph();
    INDArray[] d = Fixtures.classes(96, 7, 3, 5); // 6 iterations of 16 per epoch
    INDArray left = d[0].getColumns(0, 1, 2, 3);
    INDArray right = d[0].getColumns(4, 5, 6);
    try (Run run = Run.builder("graph").logRoot(root).open()) {
      graph.setListeners(
          TrackingListener.builder(run).probe(left, right).updateRatioEvery(0).build());
      graph.fit(Fixtures.Batches.of(new INDArray[] {left, right}, new INDArray[] {d[1]}, 16), 3);
    }
    RunLog log = Fixtures.read(root, "graph");

    assertThat(steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 18));
    for (String tag : List.of("train/loss", "train/accuracy", "epoch")) {
      assertThat(steps(log.scalars(tag))).as(tag).containsExactly(6L, 12L, 18L);
    }
    assertThat(log.scalars("train/accuracy").get(2).value()).isGreaterThan(0.8);
    for (String layer : List.of("left_dense", "right_dense", "out")) {
      for (String p : List.of("W", "b")) {
        assertThat(log.histograms(layer + "/" + p))
            .extracting(h -> h.step())
            .as(layer + p)
            .containsExactly(0L, 6L, 12L, 18L);
        assertThat(log.histograms(layer + "/grad/" + p))
            .extracting(h -> h.step())
            .containsExactly(0L, 6L, 12L, 18L);
        assertThat(steps(log.scalars(layer + "/update_ratio/" + p))).containsExactly(0L, 6L, 12L);
      }
      assertThat(log.scalars(layer + "/activation/mean")).hasSize(4);
    }
    assertThat(log.histograms("left_dense/W").get(0).histogram().count()).isEqualTo(4 * 8);
    assertThat(log.scalars("left_dense/dead_relu_fraction"))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 1.0));
    // the merge vertex has neither parameters nor activations worth a tag; tanh units do not die
    assertThat(Fixtures.tags(log))
        .noneMatch(t -> t.startsWith("merged"))
        .doesNotContain("right_dense/dead_relu_fraction", "out/dead_relu_fraction", "train/mse");
  }
}
