package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void equalWidthBucketsFromMinToMaxWithExactMoments() {
    Histogram h = Histogram.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 4);
    assertThat(h.edges()).containsExactly(0, 1.75, 3.5, 5.25, 7);
    assertThat(h.counts()).containsExactly(2, 2, 2, 2);
    assertThat(h.min()).isEqualTo(0);
    assertThat(h.max()).isEqualTo(7);
    assertThat(h.sum()).isEqualTo(28);
    assertThat(h.sumOfSquares()).isEqualTo(140);
    assertThat(h.mean()).isEqualTo(3.5);
    assertThat(h.standardDeviation()).isCloseTo(Math.sqrt(5.25), within(1e-12));
  }

  @Test
  void theMaximumFallsInTheLastBucket() {
    Histogram h = Histogram.of(new double[] {0, 10}, 10);
    assertThat(h.bucketCount(0)).isEqualTo(1);
    assertThat(h.bucketCount(9)).isEqualTo(1);
  }

  @Test
  void floatAndDoubleDataGiveTheSameHistogram() {
    float[] f = new float[1000];
    double[] d = new double[1000];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian();
      d[i] = f[i];
    }
    assertThat(Histogram.of(f)).isEqualTo(Histogram.of(d));
  }

  @Test
  void nonFiniteValuesAreLeftOutAndCounted() {
    Histogram h = Histogram.of(new double[] {1, Double.NaN, 3, Double.NEGATIVE_INFINITY}, 2);
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.nonFiniteCount()).isEqualTo(2);
    assertThat(h.max()).isEqualTo(3);
  }

  @Test
  void constantDataGetsBucketsAroundTheValue() {
    Histogram h = Histogram.of(new float[100], 64);
    assertThat(h.edge(0)).isEqualTo(-0.5);
    assertThat(h.edge(64)).isEqualTo(0.5);
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.min()).isZero();
    assertThat(h.max()).isZero();
    assertThat(Arrays.stream(h.counts()).filter(c -> c > 0)).containsExactly(100.0);
  }

  @Test
  void allNonFiniteIsEmpty() {
    Histogram h = Histogram.of(new double[] {Double.NaN});
    assertThat(h.isEmpty()).isTrue();
    assertThat(h.nonFiniteCount()).isOne();
  }

  @Test
  void uniformAndNormalOfTheSameScaleLookDifferent() {
    // the study's uniform-rule vs normal-rule: U(-y, y) against N(0, y), y = 1/sqrt(784)
    double y = 1 / Math.sqrt(784);
    SplittableRandom r = new SplittableRandom(4);
    double[] u = r.doubles(200_704, -y, y).toArray();
    double[] n = new double[200_704];
    for (int i = 0; i < n.length; i++) {
      n[i] = r.nextGaussian() * y;
    }
    Histogram hu = Histogram.of(u);
    Histogram hn = Histogram.of(n);
    // uniform: flat, every bucket within 10% of the mean count; normal: peaked, tails thin
    double perBucket = hu.count() / hu.bucketCount();
    for (int i = 0; i < hu.bucketCount(); i++) {
      assertThat(hu.bucketCount(i)).isCloseTo(perBucket, within(perBucket * 0.1));
    }
    double peak = Arrays.stream(hn.counts()).max().orElseThrow();
    assertThat(peak).isGreaterThan(3 * perBucket);
    assertThat(hn.bucketCount(0)).isLessThan(perBucket / 10);
  }

  @Test
  void precomputedBucketsAreValidated() {
    assertThatThrownBy(() -> Histogram.ofBuckets(new double[] {0, 1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one more edge than buckets: 2 edges, 2 counts");
    assertThatThrownBy(() -> Histogram.ofBuckets(new double[] {0, 2, 1}, new double[] {1, 2}))
        .hasMessageContaining("must not decrease: edge 2 is 1.0 after 2.0");
    assertThatThrownBy(() -> Histogram.ofBuckets(new double[] {0, 1}, new double[] {-1}))
        .hasMessageContaining("count 0 must be finite and >= 0: -1.0");
    assertThatThrownBy(() -> Histogram.of(new double[] {1}, 513))
        .hasMessageContaining("bucket count must be in [1, 512]: 513");
  }

  @Test
  void precomputedHistogramsAreCopiedInAndOut() {
    double[] edges = {0, 1, 2};
    double[] counts = {3, 4};
    Histogram h = Histogram.ofBuckets(edges, counts);
    edges[0] = -5;
    counts[0] = 99;
    h.counts()[1] = 99;
    assertThat(h.edge(0)).isZero();
    assertThat(h.counts()).containsExactly(3, 4);
    assertThat(h.count()).isEqualTo(7);
    assertThat(h.mean()).isCloseTo((3 * 0.5 + 4 * 1.5) / 7, within(1e-12));
  }

  @Test
  void coarseningMergesAdjacentBucketsAndKeepsMoments() {
    double[] values = new SplittableRandom(5).doubles(10_000).toArray();
    Histogram h = Histogram.of(values, 500);
    Histogram c = h.coarsen(100);
    assertThat(c.bucketCount()).isEqualTo(100);
    assertThat(c.count()).isEqualTo(h.count());
    assertThat(c.edge(0)).isEqualTo(h.edge(0));
    assertThat(c.edge(100)).isEqualTo(h.edge(500));
    assertThat(c.sum()).isEqualTo(h.sum());
    assertThat(h.coarsen(512)).isSameAs(h);
  }
}
