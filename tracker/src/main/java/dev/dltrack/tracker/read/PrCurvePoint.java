package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.PrCurve;

/** A precision-recall curve at a step; the wall time in seconds since the epoch. */
public record PrCurvePoint(long step, double wallTime, PrCurve curve) {
  /**
   * Refuses a null curve.
   *
   * @param step the step
   * @param wallTime the wall time, in seconds since the epoch
   * @param curve the curve
   */
  public PrCurvePoint {
    requireNonNull(curve, "curve");
  }
}
