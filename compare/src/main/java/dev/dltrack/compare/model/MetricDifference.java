package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one metric differs between two seed groups (see {@link GroupDifference}).
 *
 * @param tag the metric
 * @param test the t test of the group's mean minus the reference's; empty when a group has fewer
 *     than two values or a value is not finite
 * @param adjustedP {@code test}'s p-value after Holm's correction over every test of this metric in
 *     the comparison; present exactly when {@code test} is
 * @param reason why there is no test; empty when there is one
 */
public record MetricDifference(
    String tag, Optional<DifferenceTest> test, OptionalDouble adjustedP, String reason) {
  /** The level at which an adjusted p-value calls a difference significant. */
  public static final double ALPHA = 0.05;

  public MetricDifference {
    requireNonNull(tag, "tag");
    requireNonNull(test, "test");
    requireNonNull(adjustedP, "adjustedP");
    requireNonNull(reason, "reason");
  }

  /** Whether the difference is significant at {@link #ALPHA} after Holm's correction. */
  public boolean significant() {
    return adjustedP.isPresent() && adjustedP.getAsDouble() < ALPHA;
  }
}
