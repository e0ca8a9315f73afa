package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;

/** A closed interval {@code [low, high]} that holds a mean with some confidence. */
public record ConfidenceInterval(double low, double high) {
  public ConfidenceInterval {
    checkArgument(
        Double.isFinite(low) && Double.isFinite(high) && low <= high,
        "a confidence interval needs finite bounds with low <= high: [%s, %s]",
        low,
        high);
  }

  /** Half the interval's width: the margin of error around its center. */
  public double halfWidth() {
    return (high - low) / 2;
  }
}
