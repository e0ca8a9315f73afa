package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Which training metric an output gets follows from its activation and loss. */
class OutputMetricKindTest {
  @TempDir Path root;

  private RunLog train(
      String name, Activation activation, LossFunction loss, INDArray x, INDArray y)
      throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(x.columns())
                        .nOut(8)
                        .activation(Activation.TANH)
                        .build())
                .layer(
                    new OutputLayer.Builder(loss)
                        .nIn(8)
                        .nOut(y.columns())
                        .activation(activation)
                        .build())
                .build());
    net.init();
    try (Run run = Run.builder(name).logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).build());
      net.fit(new ListDataSetIterator<>(new DataSet(x, y).batchBy(16), 1), 3);
    }
    return Fixtures.read(root, name);
  }

  @Test
  void aSigmoidWithBinaryCrossEntropyGetsAccuracy() throws Exception {
    INDArray[] d = Fixtures.classes(48, 4, 2, 3);
    RunLog log =
        train(
            "sigmoid",
            Activation.SIGMOID,
            LossFunction.XENT,
            d[0],
            d[1].get(
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2))
                .dup());
    assertThat(log.scalars("train/accuracy")).hasSize(3);
    assertThat(log.scalars("train/accuracy").get(2).value()).isGreaterThan(0.7);
    assertThat(Fixtures.tags(log)).doesNotContain("train/mse", "train/mae");
  }

  @Test
  void sparseClassIndicesGetAccuracy() throws Exception {
    INDArray[] d = Fixtures.classes(48, 4, 3, 3);
    INDArray indices = Nd4j.argMax(d[1], 1).castTo(DataType.FLOAT).reshape(48, 1);
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.SPARSE_MCXENT)
                        .nIn(8)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    try (Run run = Run.builder("sparse").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).build());
      net.fit(new ListDataSetIterator<>(new DataSet(d[0], indices).asList(), 16), 3);
    }
    RunLog log = Fixtures.read(root, "sparse");
    assertThat(log.scalars("train/accuracy")).hasSize(3);
    assertThat(log.scalars("train/accuracy").get(2).value()).isGreaterThan(0.7);
  }

  @Test
  void aSoftmaxTrainedWithMseIsARegressionAndAKlDivergenceGetsNeither() throws Exception {
    INDArray[] d = Fixtures.classes(48, 4, 3, 3);
    RunLog mse = train("softmax-mse", Activation.SOFTMAX, LossFunction.MSE, d[0], d[1]);
    assertThat(mse.scalars("train/mse")).hasSize(3);
    assertThat(Fixtures.tags(mse)).doesNotContain("train/accuracy");
    RunLog kld = train("kld", Activation.SOFTMAX, LossFunction.KL_DIVERGENCE, d[0], d[1]);
    assertThat(kld.scalars("train/loss")).hasSize(3);
    assertThat(Fixtures.tags(kld)).doesNotContain("train/accuracy", "train/mse", "train/mae");
  }
}
