package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.trainer.study.StudyModel;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The study's network on {@link ReusingDenseLayer} and {@link ReusingOutputLayer} trains exactly as
 * on DL4J's own layers: after every iteration the same score, the same gradients (before the
 * updater turns them into updates) and the same parameters, compared as float bits.
 */
class ReusingLayersTrainBitForBitAsDl4jTest {
  private static final int ITERATIONS = 25;
  private static final int BATCH = 64;
  private static final long SEED = 3;

  /** What one training run produced, iteration by iteration. */
  private record Trace(List<Double> scores, List<float[]> gradients, List<float[]> params) {}

  @Test
  void scoresGradientsAndParametersAreBitIdenticalAfterEveryIteration() {
    // 25 iterations of 64, the last batch smaller (40), as an epoch's last batch can be
    List<DataSet> batches = RandomBatches.of(ITERATIONS * BATCH - 24, BATCH, 784, 10, 11);
    Trace dl4j = train(StudyModel.Layers.DL4J, batches, 2);
    Trace reusing = train(StudyModel.Layers.REUSING, batches, 2);

    assertThat(dl4j.scores()).hasSize(2 * ITERATIONS);
    assertThat(reusing.scores()).containsExactlyElementsOf(dl4j.scores());
    for (int i = 0; i < dl4j.gradients().size(); i++) {
      assertThat(reusing.gradients().get(i))
          .as("gradients of iteration %d", i)
          .isEqualTo(dl4j.gradients().get(i));
      assertThat(reusing.params().get(i))
          .as("parameters after iteration %d", i)
          .isEqualTo(dl4j.params().get(i));
    }
    // and training did change them: the comparison is not between two idle networks
    assertThat(dl4j.params().get(dl4j.params().size() - 1)).isNotEqualTo(dl4j.params().get(0));
    assertThat(dl4j.scores().get(2 * ITERATIONS - 1)).isLessThan(dl4j.scores().get(0));
  }

  @Test
  void theNetworkIsTheSame() {
    MultiLayerNetwork dl4j = StudyModel.build(SEED, 1e-3, StudyModel.Layers.DL4J);
    MultiLayerNetwork reusing = StudyModel.build(SEED, 1e-3, StudyModel.Layers.REUSING);
    assertThat(reusing.params().toFloatVector()).isEqualTo(dl4j.params().toFloatVector());
    assertThat(reusing.getLayers()).hasSameSizeAs(dl4j.getLayers());
    for (int i = 0; i < dl4j.getLayers().length; i++) {
      var stock = dl4j.getLayer(i).conf().getLayer();
      var ours = reusing.getLayer(i).conf().getLayer();
      assertThat(ours).isInstanceOf(stock.getClass()).isNotExactlyInstanceOf(stock.getClass());
      // DL4J's equals on its own class compares every configuration field DL4J declares
      assertThat(stock).as("layer %d's configuration", i).isEqualTo(ours);
    }
  }

  /**
   * DL4J's gradient calculation that also returns the gradient with respect to the network's input:
   * the same parameter gradients, and no input gradient from the study's first layer.
   */
  @Test
  void calculateGradientsGivesTheSameGradientsAndNoInputGradient() {
    DataSet batch = RandomBatches.of(BATCH, BATCH, 784, 10, 11).get(0);
    MultiLayerNetwork dl4j = StudyModel.build(SEED, 1e-3, StudyModel.Layers.DL4J);
    MultiLayerNetwork reusing = StudyModel.build(SEED, 1e-3, StudyModel.Layers.REUSING);
    Nd4j.getRandom().setSeed(SEED);
    Pair<Gradient, INDArray> expected =
        dl4j.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null);
    Nd4j.getRandom().setSeed(SEED);
    Pair<Gradient, INDArray> actual =
        reusing.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null);
    assertThat(actual.getFirst().gradient().toFloatVector())
        .isEqualTo(expected.getFirst().gradient().toFloatVector());
    assertThat(expected.getSecond()).isNotNull();
    // the study's first layer does without the input gradient: there is none
    assertThat(actual.getSecond()).isNull();
  }

  private static Trace train(StudyModel.Layers layers, List<DataSet> batches, int epochs) {
    // dropout draws from this thread's generator, as in StudyRun
    Nd4j.getRandom().setSeed(SEED);
    MultiLayerNetwork net = StudyModel.build(SEED, 1e-3, layers);
    Trace trace = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    net.setListeners(
        new BaseTrainingListener() {
          @Override
          public void onBackwardPass(Model model) {
            trace
                .gradients()
                .add(((MultiLayerNetwork) model).getFlattenedGradients().toFloatVector());
          }

          @Override
          public void iterationDone(Model model, int iteration, int epoch) {
            trace.scores().add(model.score());
            trace.params().add(model.params().toFloatVector());
          }
        });
    for (int e = 0; e < epochs; e++) {
      net.fit(new ListDataSetIterator<>(batches, 1));
    }
    return trace;
  }
}
