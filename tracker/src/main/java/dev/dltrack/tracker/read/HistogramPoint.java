package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Histogram;

/** One histogram at a step; the wall time in seconds since the epoch. */
public record HistogramPoint(long step, double wallTime, Histogram histogram) {
  /**
   * Refuses a null histogram.
   *
   * @param step the step
   * @param wallTime the wall time, in seconds since the epoch
   * @param histogram the histogram
   */
  public HistogramPoint {
    requireNonNull(histogram, "histogram");
  }
}
