package dev.dltrack.tracker.read;

import dev.dltrack.tracker.Histogram;
import java.util.Arrays;

/**
 * The percentile view of a histogram that TensorBoard's Distributions dashboard draws: the values
 * at basis points 0, 668, 1587, 3085, 5000, 6915, 8413, 9332 and 10000 (the minimum; where a
 * normal distribution puts -1.5σ, -1σ, -0.5σ, the median, +0.5σ, +1σ, +1.5σ; the maximum),
 * interpolated linearly within buckets exactly as TensorBoard's {@code compress_histogram} does, so
 * that the numbers match what it shows.
 */
public final class Distribution {
  /** TensorBoard's basis points, in 1/10000ths. */
  private static final int[] BASIS_POINTS = {0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000};

  private Distribution() {}

  /**
   * The basis points {@link #percentiles} returns values for.
   *
   * @return the basis points, in increasing order (a copy)
   */
  public static int[] basisPoints() {
    return BASIS_POINTS.clone();
  }

  /**
   * The value at each of {@link #basisPoints()}; all the max edge for an empty histogram.
   *
   * @param h the histogram
   * @return one value per basis point
   */
  public static double[] percentiles(Histogram h) {
    int k = h.bucketCount();
    double[] result = new double[BASIS_POINTS.length];
    double minmin = h.edge(0);
    double maxmax = h.edge(k);
    double total = 0;
    for (int i = 0; i < k; i++) {
      total += h.bucketCount(i);
    }
    if (total == 0) {
      Arrays.fill(result, 0.0);
      return result;
    }
    double[] weights = new double[k];
    double acc = 0;
    for (int i = 0; i < k; i++) {
      acc += h.bucketCount(i) * BASIS_POINTS[BASIS_POINTS.length - 1] / total;
      weights[i] = acc;
    }
    int bp = 0;
    outer:
    while (bp < BASIS_POINTS.length) {
      int i = searchRight(weights, BASIS_POINTS[bp]);
      while (i < k) {
        double cumsum = weights[i];
        double cumsumPrev = i > 0 ? weights[i - 1] : 0.0;
        if (cumsum == cumsumPrev) {
          i++;
          continue;
        }
        double lhs = (i == 0 || cumsumPrev == 0) ? minmin : Math.max(h.edge(i), minmin);
        double rhs = Math.min(h.edge(i + 1), maxmax);
        result[bp] = lhs + (BASIS_POINTS[bp] - cumsumPrev) * (rhs - lhs) / (cumsum - cumsumPrev);
        bp++;
        continue outer;
      }
      break;
    }
    while (bp < BASIS_POINTS.length) {
      result[bp++] = maxmax;
    }
    return result;
  }

  /** numpy's {@code searchsorted(a, v, side="right")}: the first index whose value exceeds v. */
  private static int searchRight(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
