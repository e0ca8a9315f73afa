package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DL4J's {@link ParallelWrapper} (default mode, parameter averaging) with two workers: the listener
 * logs one history, the wrapped network's, which worker 0 trains itself, from worker 0's thread;
 * worker 1's replica is ignored; {@code epochEnd()} after each {@code wrapper.fit} ends the epochs.
 */
class ParallelWrapperTrainingTest {
  private static final String WORKER_0 = "ParallelWrapper training thread 0";
  private static final String WORKER_1 = "ParallelWrapper training thread 1";

  @TempDir Path root;

  /**
   * Where the user sets the listener. DL4J's builder moves a network's listeners to the wrapper, and
   * each worker adds a listener to its replica once, so setting it both ways is the same.
   */
  enum SetOn { NETWORK_BEFORE_WRAPPING, WRAPPER, BOTH }

  /** One iteration as DL4J reported it to a listener, on any replica. */
  record Call(String thread, Model model, int iteration, double loss) {}

  /** Records every replica's iterations, to tell which one the run shows. */
  static final class Recorder extends BaseTrainingListener {
    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
      calls.add(new Call(Thread.currentThread().getName(), model, iteration, model.score()));
    }

    List<Call> of(Model model) {
      return calls.stream().filter(c -> c.model() == model).toList();
    }

    List<Call> notOf(Model model) {
      return calls.stream().filter(c -> c.model() != model).toList();
    }
  }

  @ParameterizedTest
  @EnumSource(SetOn.class)
  void theWrappedNetworkIsLoggedFromWorkerZeroAndTheReplicaIsIgnored(SetOn setOn) throws Exception {
    INDArray[] d = Fixtures.classes(64, 6, 3, 9);
    List<DataSet> batches = new DataSet(d[0], d[1]).batchBy(8); // 8 per fit: 4 per worker
    MultiLayerNetwork net = OwnTrainingLoopTest.network();
    Recorder recorder = new Recorder();
    try (Run run = Run.builder("parallel").logRoot(root).open()) {
      // named, so that the wrapped network is logged whichever worker calls first
      TrackingListener listener = TrackingListener.builder(run).model(net).build();
      if (setOn != SetOn.WRAPPER) {
        net.setListeners(listener, recorder);
      }
      ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net)
          .workers(2).prefetchBuffer(2).averagingFrequency(1).build();
      if (setOn != SetOn.NETWORK_BEFORE_WRAPPING) {
        wrapper.setListeners(listener, recorder);
      }
      for (int epoch = 0; epoch < 2; epoch++) {
        wrapper.fit(new ListDataSetIterator<>(batches, 1));
        listener.epochEnd();
      }
    }
    RunLog log = Fixtures.read(root, "parallel");

    // both workers trained, each once per iteration: worker 0 the wrapped network itself, worker 1
    // a replica (a new one per fit)
    List<Call> wrapped = recorder.of(net);
    assertThat(wrapped).extracting(Call::thread).containsOnly(WORKER_0);
    assertThat(wrapped).extracting(Call::iteration).isEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    assertThat(recorder.notOf(net)).hasSize(8).extracting(Call::thread).containsOnly(WORKER_1);
    assertThat(recorder.notOf(net).stream().map(Call::model).distinct()).hasSize(2);
    assertThat(net.getIterationCount()).isEqualTo(8);

    // one history, the wrapped network's: its losses at its iterations, nothing of the replica's
    List<ScalarPoint> losses = log.scalars("train/batch_loss");
    assertThat(steps(losses)).isEqualTo(Fixtures.range(0, 8));
    for (int i = 0; i < 8; i++) {
      assertThat(losses.get(i).value()).as("loss at %d", i).isCloseTo(wrapped.get(i).loss(), within(1e-6));
    }
    for (String tag : List.of("train/loss", "train/accuracy", "epoch")) {
      assertThat(steps(log.scalars(tag))).as(tag).containsExactly(4L, 8L);
    }
    assertThat(log.scalars("epoch")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0);
    double firstEpochLoss = wrapped.subList(0, 4).stream().mapToDouble(Call::loss).average().orElseThrow();
    assertThat(log.scalars("train/loss").get(0).value()).isCloseTo(firstEpochLoss, within(1e-6));

    Set<String> expected = new TreeSet<>(List.of("train/batch_loss", "train/loss", "train/accuracy", "epoch"));
    for (String layer : List.of("layer0", "layer1")) {
      for (String p : List.of("W", "b")) {
        expected.addAll(List.of(layer + "/" + p, layer + "/grad/" + p, layer + "/update_ratio/" + p));
        assertThat(log.histograms(layer + "/" + p)).extracting(HistogramPoint::step).containsExactly(0L, 4L, 8L);
        assertThat(log.histograms(layer + "/grad/" + p)).extracting(HistogramPoint::step).containsExactly(0L, 4L, 8L);
        assertThat(steps(log.scalars(layer + "/update_ratio/" + p))).containsExactly(0L, 4L);
      }
    }
    assertThat(Fixtures.tags(log)).isEqualTo(expected);
    // the last histograms are the wrapped network's parameters after training (averaged with worker 1's)
    INDArray w = net.getParam("0_W");
    HistogramPoint last = log.histograms("layer0/W").get(2);
    assertThat(last.histogram().count()).isEqualTo((double) w.length());
    assertThat(last.histogram().sum()).isCloseTo(w.sumNumber().doubleValue(), within(1e-4));
  }
}
