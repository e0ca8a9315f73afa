package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t test of the difference between two groups' means, with the 95% confidence interval of
 * that difference: paired (the mean of per-seed differences, n − 1 degrees of freedom) when both
 * groups ran the same seeds, else Welch's (unequal variances, Welch–Satterthwaite degrees of
 * freedom).
 *
 * <p>Pairing matters here: seed s gives every scheme the same data order and dropout masks, so much
 * of the seed-to-seed spread is shared and cancels in the per-seed difference. Two groups' own 95%
 * intervals may overlap while the difference is clearly significant; only the interval of the
 * difference says.
 *
 * @param design paired or Welch
 * @param n1 values of the first group used (for a paired test: the number of pairs)
 * @param n2 values of the second group used (for a paired test: the number of pairs)
 * @param difference the first group's mean minus the second's (paired: the mean difference)
 * @param standardError of {@code difference}
 * @param degreesOfFreedom n − 1 when paired; Welch–Satterthwaite's otherwise
 * @param ci95 the 95% confidence interval of {@code difference}
 * @param p the two-sided p-value of "no difference", before any correction for multiple tests
 */
public record DifferenceTest(
    Design design,
    int n1,
    int n2,
    double difference,
    double standardError,
    double degreesOfFreedom,
    ConfidenceInterval ci95,
    double p) {
  /** How the two groups' values are compared. */
  public enum Design {
    /** Per-seed differences: both groups ran the same seeds. */
    PAIRED,
    /** Two independent samples with unequal variances (Welch's t test). */
    WELCH;

    /** The design as tables show it: {@code paired} or {@code Welch}. */
    @Override
    public String toString() {
      return this == PAIRED ? "paired" : "Welch";
    }
  }

  /** How close t quantiles and probabilities are solved (see {@link SampleStatistics}). */
  private static final double T_ACCURACY = 1e-14;

  public DifferenceTest {
    requireNonNull(design, "design");
    requireNonNull(ci95, "ci95");
    checkArgument(
        n1 >= 2 && n2 >= 2, "a t test needs two or more values per group: %s and %s", n1, n2);
    checkArgument(p >= 0 && p <= 1, "p must be in [0, 1]: %s", p);
  }

  /**
   * The paired test of {@code first[i] − second[i]}: the values of one seed at the same index.
   * Empty when there are fewer than two pairs or a value is not finite.
   */
  public static Optional<DifferenceTest> paired(double[] first, double[] second) {
    checkArgument(
        first.length == second.length,
        "paired values need as many values in each group: %s and %s",
        first.length,
        second.length);
    int n = first.length;
    if (n < 2 || !allFinite(first) || !allFinite(second)) {
      return Optional.empty();
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = first[i] - second[i];
    }
    SampleStatistics s = SampleStatistics.of(d);
    double se = s.standardDeviation() / Math.sqrt(n);
    return Optional.of(test(Design.PAIRED, n, n, s.mean(), se, n - 1));
  }

  /**
   * Welch's test of {@code mean(first) − mean(second)} for independent samples. Empty when a group
   * has fewer than two values or a value is not finite.
   */
  public static Optional<DifferenceTest> welch(double[] first, double[] second) {
    if (first.length < 2 || second.length < 2 || !allFinite(first) || !allFinite(second)) {
      return Optional.empty();
    }
    SampleStatistics a = SampleStatistics.of(first);
    SampleStatistics b = SampleStatistics.of(second);
    double va = a.standardDeviation() * a.standardDeviation() / a.n();
    double vb = b.standardDeviation() * b.standardDeviation() / b.n();
    double se = Math.sqrt(va + vb);
    // Welch–Satterthwaite; without any spread it is undefined and the pooled value stands in
    double df =
        va + vb > 0
            ? (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1))
            : a.n() + b.n() - 2;
    return Optional.of(test(Design.WELCH, a.n(), b.n(), a.mean() - b.mean(), se, df));
  }

  private static DifferenceTest test(
      Design design, int n1, int n2, double difference, double se, double df) {
    TDistribution t = new TDistribution(null, df, T_ACCURACY);
    double p;
    double halfWidth;
    if (se > 0) {
      p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(difference / se)));
      halfWidth = t.inverseCumulativeProbability((1 + SampleStatistics.CONFIDENCE) / 2) * se;
    } else {
      // every seed gave the same difference: certain, whatever it is
      p = difference == 0 ? 1 : 0;
      halfWidth = 0;
    }
    return new DifferenceTest(
        design,
        n1,
        n2,
        difference,
        se,
        df,
        new ConfidenceInterval(difference - halfWidth, difference + halfWidth),
        p);
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
