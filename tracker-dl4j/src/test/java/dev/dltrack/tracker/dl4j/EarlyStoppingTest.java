package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J's EarlyStoppingTrainer: it reports epochs to listeners itself. */
class EarlyStoppingTest {
  @TempDir Path root;

  @Test
  void eachEpochOfTheTrainerIsLoggedOnceAtItsLastIteration() throws Exception {
    MultiLayerNetwork net = OwnTrainingLoopTest.network();
    INDArray[] train = Fixtures.classes(64, 6, 3, 9);
    INDArray[] val = Fixtures.classes(32, 6, 3, 10);
    EarlyStoppingConfiguration<MultiLayerNetwork> conf =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
            .scoreCalculator(
                new DataSetLossCalculator(
                    new ListDataSetIterator<>(new DataSet(val[0], val[1]).asList(), 32), true))
            .modelSaver(new InMemoryModelSaver<>())
            .build();
    EarlyStoppingResult<MultiLayerNetwork> result;
    try (Run run = Run.builder("es").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).probe(val[0]).build();
      net.setListeners(listener);
      result =
          new EarlyStoppingTrainer(
                  conf,
                  net,
                  new ListDataSetIterator<>(new DataSet(train[0], train[1]).asList(), 16))
              .fit();
      Evaluations.log(
          run,
          net.getIterationCount(),
          "val",
          result
              .getBestModel()
              .evaluate(new ListDataSetIterator<>(new DataSet(val[0], val[1]).asList(), 32)));
    }
    assertThat(result.getTotalEpochs()).isEqualTo(3);
    RunLog log = Fixtures.read(root, "es");

    assertThat(steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 12));
    for (String tag : new String[] {"train/loss", "train/accuracy", "epoch"}) {
      assertThat(steps(log.scalars(tag))).as(tag).containsExactly(4L, 8L, 12L);
    }
    assertThat(log.scalars("epoch")).extracting(p -> p.value()).containsExactly(1.0, 2.0, 3.0);
    assertThat(log.histograms("layer0/W"))
        .extracting(h -> h.step())
        .containsExactly(0L, 4L, 8L, 12L);
    assertThat(steps(log.scalars("layer0/activation/mean"))).containsExactly(0L, 4L, 8L, 12L);
    // the trainer's validation scoring is not training: it adds no minibatch to the epoch's metrics
    assertThat(log.scalars("train/accuracy").get(2).value()).isGreaterThan(0.8);
    assertThat(steps(log.scalars("val/accuracy"))).containsExactly(12L);
  }
}
