package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation and the 95% confidence interval of the mean of a few values (one
 * per seed), by Student's t with n − 1 degrees of freedom: the right interval for a handful of
 * seeds, where a normal approximation would be too narrow.
 *
 * @param n how many values
 * @param mean NaN when {@code n} is 0
 * @param standardDeviation the sample standard deviation (divided by n − 1); NaN when {@code n} < 2
 * @param ci95 present when {@code n} ≥ 2 and every value is finite
 */
public record SampleStatistics(
    int n, double mean, double standardDeviation, Optional<ConfidenceInterval> ci95) {
  /** The confidence level of {@link #ci95()}. */
  public static final double CONFIDENCE = 0.95;

  /** How close the t quantile is solved; commons-math's default (1e-9) shows in the 8th digit. */
  private static final double T_ACCURACY = 1e-14;

  public SampleStatistics {
    checkArgument(n >= 0, "n must be >= 0: %s", n);
  }

  /** The statistics of {@code values}. */
  public static SampleStatistics of(double... values) {
    int n = values.length;
    if (n == 0) {
      return new SampleStatistics(0, Double.NaN, Double.NaN, Optional.empty());
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new SampleStatistics(1, mean, Double.NaN, Optional.empty());
    }
    // two passes: squared deviations from the mean keep their precision for close values
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    if (!Double.isFinite(mean) || !Double.isFinite(sd)) {
      return new SampleStatistics(n, mean, sd, Optional.empty());
    }
    double halfWidth = tQuantile((1 + CONFIDENCE) / 2, n - 1) * sd / Math.sqrt(n);
    return new SampleStatistics(
        n, mean, sd, Optional.of(new ConfidenceInterval(mean - halfWidth, mean + halfWidth)));
  }

  /** The {@code p}-quantile of Student's t distribution with {@code df} degrees of freedom. */
  static double tQuantile(double p, int df) {
    // no random generator: only the quantile function is used, never sampling
    return new TDistribution(null, df, T_ACCURACY).inverseCumulativeProbability(p);
  }
}
