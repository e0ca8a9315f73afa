package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A user's own loop over minibatches, {@code net.fit(dataSet)}, with {@code epochEnd()}. */
class OwnTrainingLoopTest {
  @TempDir Path root;

  /** The network of these tests: 6 features, 12 ReLU units, 3 classes, output dropout 0.8. */
  static MultiLayerNetwork network() {
    return Fixtures.reluSoftmax(1, 6, 12, 3, 1e-2, 0.8);
  }

  private static List<DataSet> batches() {
    INDArray[] d = Fixtures.classes(64, 6, 3, 9);
    return new DataSet(d[0], d[1]).batchBy(16); // 4 per epoch
  }

  /** Three epochs of a plain loop, with {@code listener} (or none) set. */
  private static MultiLayerNetwork trainInALoop(TrackingListener listener) {
    Nd4j.getRandom().setSeed(21); // dropout draws from it
    MultiLayerNetwork net = network();
    if (listener != null) {
      net.setListeners(listener);
    }
    List<DataSet> batches = batches();
    for (int epoch = 0; epoch < 3; epoch++) {
      for (DataSet batch : batches) {
        net.fit(batch);
      }
      if (listener != null) {
        listener.epochEnd();
      }
    }
    return net;
  }

  @Test
  void epochEndLogsWhatAnEpochOfFitIteratorLogs() throws Exception {
    INDArray probe = batches().get(0).getFeatures();
    try (Run run = Run.builder("loop").logRoot(root).open()) {
      trainInALoop(TrackingListener.builder(run).probe(probe).updateRatioEvery(0).build());
    }
    RunLog log = Fixtures.read(root, "loop");

    assertThat(steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 12));
    for (String tag : List.of("train/loss", "train/accuracy", "epoch")) {
      assertThat(steps(log.scalars(tag))).as(tag).containsExactly(4L, 8L, 12L);
    }
    assertThat(log.scalars("epoch")).extracting(p -> p.value()).containsExactly(1.0, 2.0, 3.0);
    assertThat(log.scalars("train/accuracy").get(2).value()).isGreaterThan(0.8);
    for (String p : List.of("layer0/W", "layer1/b")) {
      assertThat(log.histograms(p)).extracting(h -> h.step()).containsExactly(0L, 4L, 8L, 12L);
      assertThat(log.histograms(p.replace("/", "/grad/")))
          .extracting(h -> h.step())
          .containsExactly(0L, 4L, 8L, 12L);
    }
    assertThat(steps(log.scalars("layer0/update_ratio/W"))).containsExactly(0L, 4L, 8L);
    assertThat(steps(log.scalars("layer0/activation/mean"))).containsExactly(0L, 4L, 8L, 12L);
    assertThat(steps(log.scalars("layer0/dead_relu_fraction"))).containsExactly(0L, 4L, 8L, 12L);
  }

  @Test
  void theListenerDoesNotChangeTraining() throws Exception {
    INDArray untracked = trainInALoop(null).params().dup();
    INDArray tracked;
    try (Run run = Run.builder("same").logRoot(root).open()) {
      tracked =
          trainInALoop(TrackingListener.builder(run).probe(batches().get(0).getFeatures()).build())
              .params();
    }
    assertThat(tracked.equals(untracked)).as("parameters after training, bit for bit").isTrue();
  }

  @Test
  void epochEndRightAfterFitIteratorEndedTheEpochLogsNothingMore() throws Exception {
    MultiLayerNetwork net = network();
    try (Run run = Run.builder("twice").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).build();
      net.setListeners(listener);
      for (int epoch = 0; epoch < 2; epoch++) {
        net.fit(new ListDataSetIterator<>(batches(), 1));
        listener.epochEnd();
      }
    }
    RunLog log = Fixtures.read(root, "twice");
    assertThat(steps(log.scalars("epoch"))).containsExactly(4L, 8L);
    assertThat(log.scalars("epoch")).extracting(p -> p.value()).containsExactly(1.0, 2.0);
    assertThat(log.histograms("layer0/W")).hasSize(3);
  }

  @Test
  void epochEndBeforeAnyTrainingSaysWhatToDo() throws Exception {
    try (Run run = Run.builder("early").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).build();
      assertThatThrownBy(listener::epochEnd)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("before any training iteration");
    }
  }
}
