package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.ScalarPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long series are thinned to at most the limit, keeping the first and last points and each
 * stretch's extremes, so that a one-iteration loss spike survives.
 */
class DownsamplingKeepsEndsAndSpikesTest {
  private static List<ScalarPoint> series(int n) {
    List<ScalarPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(new ScalarPoint(i, i, 1.0 + Math.sin(i / 50.0)));
    }
    return points;
  }

  @Test
  void aShortSeriesIsKeptWhole() {
    List<ScalarPoint> points = series(1000);
    assertThat(Downsampling.minMax(points, 1000)).isSameAs(points);
  }

  @Test
  void aLongSeriesKeepsItsEndsInOrderWithinTheLimit() {
    List<ScalarPoint> points = series(3900);

    List<ScalarPoint> kept = Downsampling.minMax(points, 1000);

    assertThat(kept).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(900);
    assertThat(kept.get(0)).isEqualTo(points.get(0));
    assertThat(kept.get(kept.size() - 1)).isEqualTo(points.get(3899));
    assertThat(kept).isSortedAccordingTo((a, b) -> Long.compare(a.step(), b.step()));
    assertThat(kept).doesNotHaveDuplicates();
  }

  @Test
  void aSpikeSurvives() {
    List<ScalarPoint> points = series(3900);
    points.set(1234, new ScalarPoint(1234, 1234, 40.0));
    points.set(2345, new ScalarPoint(2345, 2345, -40.0));

    List<ScalarPoint> kept = Downsampling.minMax(points, 1000);

    assertThat(kept).contains(points.get(1234), points.get(2345));
  }

  @Test
  void aStretchOfNaNStillLeavesAGap() {
    List<ScalarPoint> points = series(3900);
    for (int i = 2000; i < 2100; i++) {
      points.set(i, new ScalarPoint(i, i, Double.NaN));
    }

    List<ScalarPoint> kept = Downsampling.minMax(points, 1000);

    assertThat(kept).anySatisfy(p -> assertThat(p.value()).isNaN());
  }

  @Test
  void evenlySpacedIndicesKeepBothEnds() {
    assertThat(Downsampling.evenly(11, 1000)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(Downsampling.evenly(9, 5)).containsExactly(0, 2, 4, 6, 8);
    assertThat(Downsampling.evenly(5000, 1000)).hasSize(1000).startsWith(0).endsWith(4999);
  }
}
