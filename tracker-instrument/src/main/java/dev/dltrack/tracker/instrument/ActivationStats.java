package dev.dltrack.tracker.instrument;

/**
 * A layer's activations on the probe batch: mean and bias-corrected standard deviation over all
 * values, and for ReLU layers the fraction of units that output 0 for every probe example (and
 * position); {@code deadFraction} is NaN for other layers.
 */
public record ActivationStats(double mean, double std, double deadFraction) {
  /**
   * Whether the dead-unit fraction applies (a ReLU layer).
   *
   * @return whether {@code deadFraction} is a number
   */
  public boolean relu() {
    return !Double.isNaN(deadFraction);
  }

  /**
   * The statistics of a row-major {@code [rows, units]} matrix {@code v} ({@code units} last), in
   * one pass in Java, in double: the values ND4J's mean, std and per-unit max give.
   *
   * @param v the activations, row-major, one row per example
   * @param units the units per row
   * @param relu whether the layer is a ReLU, whose dead units are counted
   * @return the statistics
   */
  public static ActivationStats ofRows(float[] v, int units, boolean relu) {
    double sum = 0;
    for (float x : v) {
      sum += x;
    }
    double mean = sum / v.length;
    double squares = 0;
    for (float x : v) {
      double d = x - mean;
      squares += d * d;
    }
    double std = Math.sqrt(squares / (v.length - 1));
    double dead = Double.NaN;
    if (relu) {
      boolean[] fires = new boolean[units];
      int firing = 0;
      for (int row = 0; row < v.length; row += units) {
        for (int u = 0; u < units; u++) {
          if (v[row + u] > 0 && !fires[u]) {
            fires[u] = true;
            firing++;
          }
        }
      }
      dead = 1 - (double) firing / units;
    }
    return new ActivationStats(mean, std, dead);
  }
}
