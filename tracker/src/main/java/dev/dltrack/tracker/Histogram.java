package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable histogram: bucket edges, bucket counts and the exact moments of the sample.
 *
 * <p>Buckets are contiguous: bucket {@code i} spans {@code [edges[i], edges[i+1])}, the last one
 * closed. Edges never decrease; a zero-width bucket is allowed because TensorBoard itself writes
 * them for constant data. {@link #min()}, {@link #max()}, {@link #sum()} and {@link
 * #sumOfSquares()} are exact when the histogram was built from values, and derived from the
 * buckets when it was built from buckets alone (see {@link #ofBuckets}).
 *
 * <p>Values that are NaN or infinite never enter a histogram; {@link #nonFiniteCount()} says how
 * many were left out.
 */
public final class Histogram {
  /** The number of buckets {@link #of(double[])} uses: fine enough to tell U(-y,y) from N(0,y). */
  public static final int DEFAULT_BUCKETS = 64;
  /** The most buckets a histogram may have; W&amp;B refuses more. */
  public static final int MAX_BUCKETS = 512;

  private final double[] edges;
  private final double[] counts;
  private final double count;
  private final double min;
  private final double max;
  private final double sum;
  private final double sumOfSquares;
  private final long nonFiniteCount;

  private Histogram(
      double[] edges,
      double[] counts,
      double count,
      double min,
      double max,
      double sum,
      double sumOfSquares,
      long nonFiniteCount) {
    this.edges = edges;
    this.counts = counts;
    this.count = count;
    this.min = min;
    this.max = max;
    this.sum = sum;
    this.sumOfSquares = sumOfSquares;
    this.nonFiniteCount = nonFiniteCount;
  }

  /** A histogram of {@code values} in {@value #DEFAULT_BUCKETS} equal-width buckets. */
  public static Histogram of(double[] values) {
    return of(values, DEFAULT_BUCKETS);
  }

  /** A histogram of {@code values} in {@value #DEFAULT_BUCKETS} equal-width buckets. */
  public static Histogram of(float[] values) {
    return of(values, DEFAULT_BUCKETS);
  }

  /**
   * A histogram of {@code values} in {@code buckets} equal-width buckets between the smallest and
   * the largest finite value. NaN and infinite values are counted in {@link #nonFiniteCount()}
   * and left out. When every finite value is the same {@code c}, the buckets span {@code [c-0.5,
   * c+0.5]} (as numpy does) so that the histogram still renders.
   */
  public static Histogram of(double[] values, int buckets) {
    checkBuckets(buckets);
    Moments m = new Moments();
    for (double v : values) {
      m.add(v);
    }
    double[] edges = m.edges(buckets);
    double[] counts = new double[buckets];
    if (m.n > 0) {
      Binner bin = new Binner(edges);
      for (double v : values) {
        if (Double.isFinite(v)) {
          counts[bin.index(v)]++;
        }
      }
    }
    return m.histogram(edges, counts);
  }

  /** As {@link #of(double[], int)}, for float data; moments are accumulated in double. */
  public static Histogram of(float[] values, int buckets) {
    checkBuckets(buckets);
    Moments m = new Moments();
    for (float v : values) {
      m.add(v);
    }
    double[] edges = m.edges(buckets);
    double[] counts = new double[buckets];
    if (m.n > 0) {
      Binner bin = new Binner(edges);
      for (float v : values) {
        if (Float.isFinite(v)) {
          counts[bin.index(v)]++;
        }
      }
    }
    return m.histogram(edges, counts);
  }

  /**
   * A histogram from precomputed buckets: {@code edges.length == counts.length + 1}, edges never
   * decreasing, counts finite and non-negative. The moments are estimated from bucket midpoints;
   * min and max are the outer edges of the outermost non-empty buckets.
   */
  public static Histogram ofBuckets(double[] edges, double[] counts) {
    checkBucketShape(edges, counts);
    double n = 0;
    double sum = 0;
    double sumSq = 0;
    int first = -1;
    int last = -1;
    for (int i = 0; i < counts.length; i++) {
      double c = counts[i];
      if (c > 0) {
        if (first < 0) {
          first = i;
        }
        last = i;
        double mid = (edges[i] + edges[i + 1]) / 2;
        n += c;
        sum += c * mid;
        sumSq += c * mid * mid;
      }
    }
    double min = first < 0 ? 0 : edges[first];
    double max = last < 0 ? 0 : edges[last + 1];
    return new Histogram(edges.clone(), counts.clone(), n, min, max, sum, sumSq, 0);
  }

  /**
   * A histogram from precomputed buckets with exact moments, as TensorBoard's legacy {@code
   * HistogramProto} stores them.
   */
  public static Histogram ofBuckets(
      double[] edges, double[] counts, double min, double max, double sum, double sumOfSquares) {
    checkBucketShape(edges, counts);
    double n = 0;
    for (double c : counts) {
      n += c;
    }
    checkArgument(
        n == 0 || min <= max, "histogram min %s must not exceed max %s", min, max);
    return new Histogram(edges.clone(), counts.clone(), n, min, max, sum, sumOfSquares, 0);
  }

  private static void checkBuckets(int buckets) {
    checkArgument(
        buckets >= 1 && buckets <= MAX_BUCKETS,
        "bucket count must be in [1, %s]: %s",
        MAX_BUCKETS,
        buckets);
  }

  private static void checkBucketShape(double[] edges, double[] counts) {
    checkArgument(
        edges.length == counts.length + 1,
        "a histogram needs one more edge than buckets: %s edges, %s counts",
        edges.length,
        counts.length);
    checkArgument(counts.length >= 1, "a histogram needs at least one bucket");
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] < edges[i - 1])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "histogram edges must be finite and must not decrease: edge %d is %s%s",
                i,
                edges[i],
                i > 0 ? " after " + edges[i - 1] : ""));
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (!(counts[i] >= 0) || counts[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "histogram count %d must be finite and >= 0: %s", i, counts[i]));
      }
    }
  }

  /** Bucket edges, {@code bucketCount() + 1} of them; a copy. */
  public double[] edges() {
    return edges.clone();
  }

  /** Bucket counts; a copy. */
  public double[] counts() {
    return counts.clone();
  }

  /** The edge at {@code i}, without copying. */
  public double edge(int i) {
    return edges[i];
  }

  /** The count of bucket {@code i}, without copying. */
  public double bucketCount(int i) {
    return counts[i];
  }

  public int bucketCount() {
    return counts.length;
  }

  /** The number of finite values in the histogram. */
  public double count() {
    return count;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double sum() {
    return sum;
  }

  public double sumOfSquares() {
    return sumOfSquares;
  }

  /** The mean, or NaN for an empty histogram. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** The population standard deviation, or NaN for an empty histogram. */
  public double standardDeviation() {
    if (count == 0) {
      return Double.NaN;
    }
    double mean = sum / count;
    return Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
  }

  /** How many NaN or infinite values were left out when this histogram was built. */
  public long nonFiniteCount() {
    return nonFiniteCount;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * This histogram with at most {@code maxBuckets} buckets, merging runs of adjacent buckets; the
   * moments are kept. Returns {@code this} when it already fits.
   */
  public Histogram coarsen(int maxBuckets) {
    checkBuckets(maxBuckets);
    if (counts.length <= maxBuckets) {
      return this;
    }
    int factor = (counts.length + maxBuckets - 1) / maxBuckets;
    int n = (counts.length + factor - 1) / factor;
    double[] e = new double[n + 1];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = edges[i * factor];
      for (int j = i * factor; j < Math.min(counts.length, (i + 1) * factor); j++) {
        c[i] += counts[j];
      }
    }
    e[n] = edges[edges.length - 1];
    return new Histogram(e, c, count, min, max, sum, sumOfSquares, nonFiniteCount);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Histogram h)) {
      return false;
    }
    return Arrays.equals(edges, h.edges)
        && Arrays.equals(counts, h.counts)
        && Double.compare(count, h.count) == 0
        && Double.compare(min, h.min) == 0
        && Double.compare(max, h.max) == 0
        && Double.compare(sum, h.sum) == 0
        && Double.compare(sumOfSquares, h.sumOfSquares) == 0
        && nonFiniteCount == h.nonFiniteCount;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Histogram{count=%s, min=%s, max=%s, mean=%s, buckets=%d, nonFinite=%d}",
        count,
        min,
        max,
        mean(),
        counts.length,
        nonFiniteCount);
  }

  /** Finds a finite value's bucket among equal-width edges. */
  private static final class Binner {
    final double lo;
    final double scale;
    final int last;
    /** The range overflows a double: subtract after scaling (slower, and only needed then). */
    final boolean huge;

    Binner(double[] edges) {
      lo = edges[0];
      last = edges.length - 2;
      double hi = edges[edges.length - 1];
      huge = Double.isInfinite(hi - lo);
      scale = huge ? 1 / (hi / (last + 1) - lo / (last + 1)) : 1 / (edges[1] - lo);
    }

    int index(double v) {
      int i = huge ? (int) (v * scale - lo * scale) : (int) ((v - lo) * scale);
      return i > last ? last : Math.max(i, 0);
    }
  }

  /** One pass over the data: count, min, max, sum and sum of squares of the finite values. */
  private static final class Moments {
    long n;
    long nonFinite;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double sumSq;

    void add(double v) {
      if (!Double.isFinite(v)) {
        nonFinite++;
        return;
      }
      n++;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      sum += v;
      sumSq += v * v;
    }

    /**
     * Equal-width edges from min to max, always finite and strictly increasing: a range too
     * narrow for {@code buckets} distinct doubles (a constant, adjacent doubles, denormals) is
     * widened around its middle, and one near the ends of the double range is kept inside it.
     */
    double[] edges(int buckets) {
      double lo;
      double hi;
      if (n == 0) {
        lo = 0;
        hi = 1;
      } else if (min == max) {
        lo = min - 0.5;
        hi = max + 0.5;
      } else {
        lo = min;
        hi = max;
      }
      // the narrowest bucket that stays distinct from its neighbours at this magnitude
      double minWidth = 4 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)));
      // divided first so that a range near Double.MAX_VALUE does not overflow
      if (hi / buckets - lo / buckets < minWidth) {
        double mid = lo / 2 + hi / 2;
        double half = minWidth * (buckets / 2.0);
        lo = Math.max(-Double.MAX_VALUE, mid - half);
        hi = Math.min(Double.MAX_VALUE, mid + half);
        if (hi / buckets - lo / buckets < minWidth) { // clipped at an end of the double range
          lo = hi == Double.MAX_VALUE ? hi - 2 * half : lo;
          hi = lo == -Double.MAX_VALUE ? lo + 2 * half : hi;
        }
      }
      double[] edges = new double[buckets + 1];
      if (Double.isInfinite(hi - lo)) {
        // wider than the double range: interpolate, since lo + i * width would overflow
        for (int i = 0; i < buckets; i++) {
          double t = (double) i / buckets;
          edges[i] = Math.min(hi, Math.max(lo, lo * (1 - t) + hi * t));
        }
      } else {
        double width = hi / buckets - lo / buckets;
        for (int i = 0; i < buckets; i++) {
          edges[i] = lo + i * width;
        }
      }
      edges[buckets] = hi;
      return edges;
    }

    Histogram histogram(double[] edges, double[] counts) {
      return n == 0
          ? new Histogram(edges, counts, 0, 0, 0, 0, 0, nonFinite)
          : new Histogram(edges, counts, n, min, max, sum, sumSq, nonFinite);
    }
  }
}
