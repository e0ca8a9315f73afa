package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One listener shared by replicas trained on several threads, as ParallelWrapper's workers share
 * it: the first replica is logged, the others are ignored; or the one the builder names, whoever
 * calls first.
 */
class OneModelPerListenerTest {
  @TempDir Path root;

  @Test
  void replicasOnOtherThreadsAfterTheFirstAreIgnored() throws Exception {
    INDArray[] d = Fixtures.classes(64, 6, 3, 9);
    List<DataSet> batches = new DataSet(d[0], d[1]).batchBy(16);
    MultiLayerNetwork first = OwnTrainingLoopTest.network();
    MultiLayerNetwork second = OwnTrainingLoopTest.network();
    try (Run run = Run.builder("shared").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).build();
      first.setListeners(listener);
      second.setListeners(listener);
      first.fit(batches.get(0)); // binds the listener to the first replica
      CyclicBarrier together = new CyclicBarrier(2);
      Thread[] workers = new Thread[2];
      MultiLayerNetwork[] replicas = {first, second};
      Throwable[] failures = new Throwable[2];
      for (int w = 0; w < 2; w++) {
        int worker = w;
        workers[w] =
            new Thread(
                () -> {
                  try {
                    together.await();
                    for (DataSet b : batches) {
                      replicas[worker].fit(b);
                    }
                  } catch (Throwable t) {
                    failures[worker] = t;
                  }
                },
                "worker-" + w);
        workers[w].start();
      }
      for (Thread t : workers) {
        t.join();
      }
      assertThat(failures).containsOnlyNulls();
      listener.epochEnd();
    }
    RunLog log = Fixtures.read(root, "shared");
    // 1 + 4 iterations of the first replica; the second's 4 are not mixed in
    assertThat(Fixtures.steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 5));
    assertThat(Fixtures.steps(log.scalars("epoch"))).containsExactly(5L);
  }

  @Test
  void theModelTheBuilderNamesIsLoggedThoughAnotherCallsFirst() throws Exception {
    INDArray[] d = Fixtures.classes(64, 6, 3, 9);
    List<DataSet> batches = new DataSet(d[0], d[1]).batchBy(16);
    MultiLayerNetwork replica = OwnTrainingLoopTest.network();
    MultiLayerNetwork wrapped = OwnTrainingLoopTest.network();
    try (Run run = Run.builder("named").logRoot(root).open()) {
      TrackingListener listener = TrackingListener.builder(run).model(wrapped).build();
      replica.setListeners(listener);
      wrapped.setListeners(listener);
      for (DataSet b : batches.subList(0, 3)) {
        replica.fit(b); // first, and ignored
      }
      for (DataSet b : batches) {
        wrapped.fit(b);
      }
      listener.epochEnd();
    }
    RunLog log = Fixtures.read(root, "named");
    // the replica's 3 iterations would have been steps 0..2, and the wrapped network's ignored
    assertThat(Fixtures.steps(log.scalars("train/batch_loss"))).isEqualTo(Fixtures.range(0, 4));
    assertThat(Fixtures.steps(log.scalars("epoch"))).containsExactly(4L);
  }

  @Test
  void onlyANetworkTheListenerCanLogMayBeNamed() throws Exception {
    MultiLayerNetwork net = OwnTrainingLoopTest.network();
    try (Run run = Run.builder("bad").logRoot(root).open()) {
      // a layer is a DL4J Model too, but not one the listener logs
      assertThatThrownBy(() -> TrackingListener.builder(run).model(net.getLayer(0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("MultiLayerNetwork or a ComputationGraph");
      assertThatThrownBy(() -> TrackingListener.builder(run).model(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("network");
    }
  }
}
