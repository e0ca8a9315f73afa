package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The epoch-length hint only spares copies: with the right length (or a shorter one) the gradient
 * histograms are those logged without it; an epoch that ends before the hinted length logs none at
 * its end.
 */
class IterationsPerEpochHintTest {
  @TempDir Path root;

  /** 3 epochs of 10 minibatches of a small classifier, seeded: every training is alike. */
  private RunLog train(String name, UnaryOperator<TrackingListener.Builder> hint) throws Exception {
    MultiLayerNetwork net = Fixtures.reluSoftmax(1, 6, 12, 3, 1e-2);
    INDArray[] xy = classes(160, 6, 3, 5);
    List<DataSet> examples = new DataSet(xy[0], xy[1]).asList();
    try (Run run = Run.builder(name).logRoot(root).open()) {
      net.setListeners(hint.apply(TrackingListener.builder(run)).build());
      net.fit(new ListDataSetIterator<>(examples, 16), 3);
    }
    return Fixtures.read(root, name);
  }

  /** Wall times differ from one training to the next. */
  private static List<List<Object>> stepsAndHistograms(RunLog log, String tag) {
    return log.histograms(tag).stream().map(p -> List.<Object>of(p.step(), p.histogram())).toList();
  }

  private static List<HistogramPoint> gradients(RunLog log) {
    return log.histograms("layer0/grad/W");
  }

  @Test
  void theRightOrAShorterLengthLogsTheSameGradients() throws Exception {
    RunLog without = train("without", b -> b);
    assertThat(gradients(without))
        .extracting(HistogramPoint::step)
        .containsExactly(0L, 10L, 20L, 30L);
    for (long hint : new long[] {10, 4}) {
      RunLog with = train("hint" + hint, b -> b.iterationsPerEpoch(hint));
      for (String tag : List.of("layer0/grad/W", "layer1/grad/b")) {
        assertThat(stepsAndHistograms(with, tag))
            .as("%s, hint %s", tag, hint)
            .containsExactlyElementsOf(stepsAndHistograms(without, tag));
      }
    }
  }

  @Test
  void anEpochEndingBeforeTheHintedLengthLogsNoGradientsAtItsEnd() throws Exception {
    RunLog log = train("long", b -> b.iterationsPerEpoch(25));
    // the first epoch's end is missed; from then on the epoch's own length counts
    assertThat(gradients(log)).extracting(HistogramPoint::step).containsExactly(0L, 20L, 30L);
    assertThat(log.histograms("layer0/W"))
        .extracting(HistogramPoint::step)
        .containsExactly(0L, 10L, 20L, 30L);
  }

  @Test
  void aLengthBelowOneIsRefused() {
    assertThatThrownBy(
            () ->
                TrackingListener.builder(Run.builder("x").logRoot(root).open())
                    .iterationsPerEpoch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterationsPerEpoch must be >= 1: 0");
  }
}
