package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.trainer.study.StudyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link StudyUpdater} updates the study's network exactly as DL4J's own updater: after every
 * iteration the same parameters and the same Adam state, compared as float bits, with either
 * kernel.
 */
class StudyUpdaterTrainsBitForBitAsDl4jTest {
  private static final int ITERATIONS = 25;
  private static final int BATCH = 64;
  private static final long SEED = 5;

  /** What one training run produced, iteration by iteration. */
  private record Trace(List<Double> scores, List<float[]> params, List<float[]> state) {}

  @Test
  void parametersAndAdamStateAreBitIdenticalAfterEveryIteration() {
    // 25 iterations of 64, the last batch smaller (40), as an epoch's last batch can be
    List<DataSet> batches = RandomBatches.of(ITERATIONS * BATCH - 24, BATCH, 784, 10, 13);
    Trace dl4j = train(MultiLayerUpdater::new, batches);
    for (StudyUpdater.Kernel kernel : StudyUpdater.Kernel.values()) {
      Trace ours =
          train(
              net -> {
                StudyUpdater updater = new StudyUpdater(net, kernel);
                assertThat(updater.fast()).as("the study's network takes the fast path").isTrue();
                return updater;
              },
              batches);
      assertThat(ours.scores()).as("%s", kernel).containsExactlyElementsOf(dl4j.scores());
      for (int i = 0; i < dl4j.params().size(); i++) {
        assertThat(ours.params().get(i))
            .as("%s: parameters after iteration %d", kernel, i)
            .isEqualTo(dl4j.params().get(i));
        assertThat(ours.state().get(i))
            .as("%s: Adam's state after iteration %d", kernel, i)
            .isEqualTo(dl4j.state().get(i));
      }
    }
    // and training did change them: the comparison is not between two idle networks
    assertThat(dl4j.params().get(dl4j.params().size() - 1)).isNotEqualTo(dl4j.params().get(0));
  }

  @Test
  void theStudysNetworkHasIt() {
    assertThat(StudyModel.build(SEED, 1e-3).getUpdater()).isInstanceOf(StudyUpdater.class);
    assertThat(StudyModel.build(SEED, 1e-3, StudyModel.Layers.DL4J).getUpdater())
        .isInstanceOf(StudyUpdater.class);
  }

  @Test
  void aNetworkWithRegularizationTakesDl4jsPath() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(3)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    assertThat(new StudyUpdater(net, StudyUpdater.Kernel.JAVA).fast()).isFalse();
  }

  private static Trace train(Function<MultiLayerNetwork, Updater> updater, List<DataSet> batches) {
    Nd4j.getRandom().setSeed(SEED);
    MultiLayerNetwork net = StudyModel.build(SEED, 1e-3);
    net.setUpdater(updater.apply(net));
    Trace trace = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    net.setListeners(
        new BaseTrainingListener() {
          @Override
          public void iterationDone(Model model, int iteration, int epoch) {
            MultiLayerNetwork n = (MultiLayerNetwork) model;
            trace.scores().add(n.score());
            trace.params().add(n.params().toFloatVector());
            trace.state().add(n.getUpdater().getStateViewArray().toFloatVector());
          }
        });
    for (int e = 0; e < 2; e++) {
      net.fit(new ListDataSetIterator<>(batches, 1));
    }
    return trace;
  }
}
