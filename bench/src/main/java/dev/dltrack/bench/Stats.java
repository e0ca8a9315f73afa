package dev.dltrack.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of repeated measurements. */
record Stats(double median, double min, double max) {
  static Stats of(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new Stats(median, s[0], s[n - 1]);
  }

  String format(String unit, double scale) {
    return String.format(
        Locale.ROOT, "%,.1f %s (%,.1f .. %,.1f)", median * scale, unit, min * scale, max * scale);
  }
}
