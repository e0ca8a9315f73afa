package dev.dltrack.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of repeated measurements. */
public record Stats(double median, double min, double max) {
  public static Stats of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new Stats(median, s[0], s[n - 1]);
  }

  /** The stats of {@code numerators[i] / denominators[i]}: ratios of paired measurements. */
  public static Stats ofRatios(double[] numerators, double[] denominators) {
    if (numerators.length != denominators.length) {
      throw new IllegalArgumentException(
          "unpaired samples: "
              + numerators.length
              + " numerators, "
              + denominators.length
              + " denominators");
    }
    double[] r = new double[numerators.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = numerators[i] / denominators[i];
    }
    return of(r);
  }

  /** These stats in another unit: each figure times {@code factor}. */
  public Stats scaled(double factor) {
    return new Stats(median * factor, min * factor, max * factor);
  }

  public String format(String unit, double scale) {
    return String.format(
        Locale.ROOT, "%,.1f %s (%,.1f .. %,.1f)", median * scale, unit, min * scale, max * scale);
  }
}
