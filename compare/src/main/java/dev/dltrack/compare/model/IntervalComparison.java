package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Whether two seed groups' 95% confidence intervals of a metric overlap: when they do, the seeds
 * run so far cannot tell the two configurations apart.
 *
 * @param tag the metric
 * @param first the group compared against, the best one with an interval
 * @param second the other group
 * @param outcome what the intervals show
 * @param reason why no interval of {@code second} exists; empty unless {@code outcome} is {@link
 *     Outcome#NO_INTERVAL}
 */
public record IntervalComparison(
    String tag, String first, String second, Outcome outcome, String reason) {
  /** What comparing two intervals shows. */
  public enum Outcome {
    /** The intervals overlap: the difference is not significant at this number of seeds. */
    OVERLAP,
    /** The intervals are disjoint: the difference is significant. */
    DISJOINT,
    /** The second group has no interval (one seed, say), so nothing can be said. */
    NO_INTERVAL
  }

  public IntervalComparison {
    requireNonNull(tag, "tag");
    requireNonNull(first, "first");
    requireNonNull(second, "second");
    requireNonNull(outcome, "outcome");
    requireNonNull(reason, "reason");
  }

  /** The comparison in plain words. */
  public String sentence() {
    return switch (outcome) {
      case OVERLAP -> String.format(
          Locale.ROOT,
          "%s and %s: 95%% CIs of %s overlap — the difference is not significant at this number of"
              + " seeds",
          first,
          second,
          tag);
      case DISJOINT -> String.format(
          Locale.ROOT,
          "%s and %s: 95%% CIs of %s do not overlap — the difference is significant at this number"
              + " of seeds",
          first,
          second,
          tag);
      case NO_INTERVAL -> String.format(
          Locale.ROOT,
          "%s and %s: no 95%% CI of %s for %s (%s) — run 2 or more seeds of it to compare",
          first,
          second,
          tag,
          second,
          reason);
    };
  }
}
