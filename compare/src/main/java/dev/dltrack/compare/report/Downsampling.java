package dev.dltrack.compare.report;

import static com.google.common.base.Preconditions.checkArgument;

import dev.dltrack.tracker.read.ScalarPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Thins long series for charts, as TensorBoard does, always keeping the first and last points.
 * Scalar series keep each stretch's lowest and highest value, so that a loss spike one iteration
 * long still shows; other series keep evenly spaced points.
 */
final class Downsampling {
  private Downsampling() {}

  /**
   * At most {@code max} (≥ 4) of {@code points}, in order: the first, the last, and between them
   * the minimum and maximum finite value of each of {@code (max - 2) / 2} equal stretches (a
   * stretch without a finite value keeps its first point, so a gap still shows).
   */
  static List<ScalarPoint> minMax(List<ScalarPoint> points, int max) {
    checkArgument(max >= 4, "max points must be >= 4: %s", max);
    int n = points.size();
    if (n <= max) {
      return points;
    }
    List<ScalarPoint> kept = new ArrayList<>(max);
    kept.add(points.get(0));
    int interior = n - 2;
    int stretches = (max - 2) / 2;
    for (int k = 0; k < stretches; k++) {
      int from = 1 + (int) ((long) k * interior / stretches);
      int to = 1 + (int) ((long) (k + 1) * interior / stretches);
      int lo = -1;
      int hi = -1;
      for (int i = from; i < to; i++) {
        double v = points.get(i).value();
        if (Double.isFinite(v)) {
          lo = lo < 0 || v < points.get(lo).value() ? i : lo;
          hi = hi < 0 || v > points.get(hi).value() ? i : hi;
        }
      }
      if (lo < 0) {
        kept.add(points.get(from));
      } else {
        kept.add(points.get(Math.min(lo, hi)));
        if (lo != hi) {
          kept.add(points.get(Math.max(lo, hi)));
        }
      }
    }
    kept.add(points.get(n - 1));
    return kept;
  }

  /** At most {@code max} (≥ 2) indices into {@code n} items, evenly spaced, first and last kept. */
  static int[] evenly(int n, int max) {
    checkArgument(max >= 2, "max points must be >= 2: %s", max);
    if (n <= max) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] kept = new int[max];
    for (int k = 0; k < max; k++) {
      kept[k] = (int) Math.round((double) k * (n - 1) / (max - 1));
    }
    return kept;
  }
}
