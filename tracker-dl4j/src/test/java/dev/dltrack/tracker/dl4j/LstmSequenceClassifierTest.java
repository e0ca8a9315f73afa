package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Recurrent, embedding and attention layers: sequence classifiers, per time step and per sequence.
 */
class LstmSequenceClassifierTest {
  @TempDir Path root;

  /**
   * Sequences of 5 tokens out of 6 whose class is whether token 0 occurs in them; labels per time
   * step ([n, 2, 5], the class so far) or per sequence.
   */
  static DataSet tokens(int n, boolean perStep, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    INDArray x = Nd4j.zeros(DataType.FLOAT, n, 5);
    INDArray y = perStep ? Nd4j.zeros(DataType.FLOAT, n, 2, 5) : Nd4j.zeros(DataType.FLOAT, n, 2);
    for (int i = 0; i < n; i++) {
      boolean seen = false;
      for (int t = 0; t < 5; t++) {
        int token = r.nextInt(6);
        x.putScalar(i, t, token);
        seen |= token == 0;
        if (perStep) {
          y.putScalar(new int[] {i, seen ? 1 : 0, t}, 1);
        }
      }
      if (!perStep) {
        y.putScalar(i, seen ? 1 : 0, 1);
      }
    }
    return new DataSet(x, y);
  }

  @Test
  void anLstmClassifyingEveryTimeStepLogsItsAccuracyAndItsRecurrentWeights() throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .dataType(DataType.FLOAT)
                .updater(new Adam(2e-2))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).inputLength(5).build())
                .layer(new LSTM.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .dataFormat(RNNFormat.NCW)
                        .nIn(8)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    DataSet data = tokens(64, true, 1);
    try (Run run = Run.builder("lstm").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).probe(data.getFeatures()).build());
      net.fit(new ListDataSetIterator<>(data.asList(), 16), 3);
    }
    RunLog log = Fixtures.read(root, "lstm");

    assertThat(steps(log.scalars("train/accuracy"))).containsExactly(4L, 8L, 12L);
    assertThat(log.scalars("train/accuracy").get(2).value()).isBetween(0.5, 1.0);
    for (String p : List.of("layer0/W", "layer1/W", "layer1/RW", "layer1/b", "layer2/W")) {
      assertThat(log.histograms(p)).as(p).hasSize(4);
      assertThat(log.histograms(p.replace("/", "/grad/"))).as(p).hasSize(4);
    }
    assertThat(log.histograms("layer1/RW").get(0).histogram().count()).isEqualTo(8 * 8 * 4);
    assertThat(log.scalars("layer1/activation/std")).hasSize(4);
    assertThat(Fixtures.tags(log))
        .noneMatch(t -> t.endsWith("dead_relu_fraction"))
        .doesNotContain("train/mse", "train/mae");
  }

  @Test
  void selfAttentionOverAnLstmClassifyingWholeSequencesLogsTheAttentionWeights() throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .dataType(DataType.FLOAT)
                .updater(new Adam(2e-2))
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).inputLength(5).build())
                .layer(new LSTM.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(
                    new SelfAttentionLayer.Builder()
                        .nIn(8)
                        .nOut(8)
                        .nHeads(2)
                        .projectInput(true)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    DataSet data = tokens(64, false, 2);
    try (Run run = Run.builder("attention").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).build());
      net.fit(new ListDataSetIterator<>(data.asList(), 16), 2);
    }
    RunLog log = Fixtures.read(root, "attention");

    assertThat(steps(log.scalars("train/accuracy"))).containsExactly(4L, 8L);
    List<String> attention = net.getLayer(2).paramTable().keySet().stream().toList();
    assertThat(attention).isNotEmpty();
    for (String p : attention) {
      assertThat(log.histograms("layer2/" + p)).as(p).hasSize(3);
      assertThat(log.scalars("layer2/update_ratio/" + p)).as(p).isNotEmpty();
    }
    assertThat(Fixtures.tags(log)).noneMatch(t -> t.startsWith("layer3/"));
  }
}
