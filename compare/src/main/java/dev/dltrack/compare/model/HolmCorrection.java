package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for the number of tests made (Holm 1979): it keeps the
 * chance of calling any true "no difference" significant at or below the level, like Bonferroni,
 * but rejects more. The k-th smallest of m p-values is multiplied by m − k + 1, then made no
 * smaller than the one before it, and capped at 1.
 */
public final class HolmCorrection {
  private HolmCorrection() {}

  /** The adjusted p-values of {@code p}, in {@code p}'s order. */
  public static double[] adjust(double... p) {
    for (double v : p) {
      checkArgument(v >= 0 && v <= 1, "p-values must be in [0, 1]: %s", v);
    }
    int m = p.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
      adjusted[order[k]] = running;
    }
    return adjusted;
  }
}
