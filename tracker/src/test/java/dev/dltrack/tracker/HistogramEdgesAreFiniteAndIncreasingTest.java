package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRuns;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binning never produces edges TensorBoard or W&amp;B would reject: whatever finite values come
 * in (the ends of the double range, a constant, adjacent doubles, denormals), the edges are
 * finite and strictly increasing, every value lands in a bucket, and both formats read back.
 */
class HistogramEdgesAreFiniteAndIncreasingTest {
  @TempDir Path root;

  static List<double[]> awkwardSamples() {
    double x = 0.1;
    return List.of(
        new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 0},
        new double[] {Double.MAX_VALUE, Double.MAX_VALUE / 2, -Double.MAX_VALUE / 3},
        new double[] {Double.MAX_VALUE},
        new double[] {-Double.MAX_VALUE, Math.nextUp(-Double.MAX_VALUE)},
        new double[] {x, Math.nextUp(x)},
        new double[] {x, Math.nextUp(x), Math.nextUp(Math.nextUp(x))},
        new double[] {Double.MIN_VALUE, 2 * Double.MIN_VALUE},
        new double[] {0, Double.MIN_VALUE},
        new double[] {Double.MIN_NORMAL, Math.nextUp(Double.MIN_NORMAL)},
        new double[] {1e20, 1e20, 1e20},
        new double[] {-1e300, -1e300},
        new double[] {0, 0});
  }

  @ParameterizedTest
  @MethodSource("awkwardSamples")
  void edgesAreFiniteStrictlyIncreasingAndHoldEveryValue(double[] values) {
    for (int buckets : new int[] {1, 2, 64, Histogram.MAX_BUCKETS}) {
      Histogram h = Histogram.of(values, buckets);
      double[] e = h.edges();
      assertThat(e).hasSize(buckets + 1);
      for (int i = 0; i < e.length; i++) {
        assertThat(Double.isFinite(e[i])).as("edge %d of %s", i, java.util.Arrays.toString(e)).isTrue();
        if (i > 0) {
          assertThat(e[i]).as("edge %d after %s", i, e[i - 1]).isGreaterThan(e[i - 1]);
        }
      }
      assertThat(h.count()).isEqualTo(values.length);
      assertThat(e[0]).isLessThanOrEqualTo(h.min());
      assertThat(e[buckets]).isGreaterThanOrEqualTo(h.max());
      assertThat(java.util.Arrays.stream(h.counts()).sum()).isEqualTo(values.length);
    }
  }

  @Test
  void valuesAcrossTheWholeDoubleRangeLandInTheirOwnBuckets() {
    Histogram h =
        Histogram.of(new double[] {-Double.MAX_VALUE, 0, Double.MAX_VALUE / 2, Double.MAX_VALUE}, 4);
    assertThat(h.counts()).containsExactly(1, 1, 1, 1);
  }

  @Test
  void awkwardHistogramsPassTheCheckerAndReadBackInBothFormats() throws Exception {
    List<double[]> samples = awkwardSamples();
    try (Run run = Run.builder("awkward").logRoot(root).open()) {
      for (int i = 0; i < samples.size(); i++) {
        run.histogram("h" + i, 0, samples.get(i));
      }
    }
    TfeventsCheck.Result check = TfeventsCheck.assertSound(root.resolve("awkward"));
    assertThat(check.warnings()).as(check.output()).isZero();
    RunLog log = TensorBoardRuns.readRun(root.resolve("awkward"), "awkward");
    assertThat(log.histograms()).hasSize(samples.size());
    assertThat(WandbRuns.read(root.resolve("awkward")).history()).isNotEmpty();
  }
}
