package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.PrCurve;

/** A precision-recall curve at a step; the wall time in seconds since the epoch. */
public record PrCurvePoint(long step, double wallTime, PrCurve curve) {
  public PrCurvePoint {
    requireNonNull(curve, "curve");
  }
}
