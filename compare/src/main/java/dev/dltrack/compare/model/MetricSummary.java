package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric of one run: its last logged point (the final value, as TensorBoard's HParams dashboard
 * takes it), its best point by the metric's goal, and the train/validation gap.
 *
 * @param last the last point logged; empty if the run never logged the tag
 * @param best the earliest point with the best finite value; empty if the run has no finite value
 * @param gap the training counterpart's last value minus {@code last}'s ({@code train/accuracy} −
 *     {@code val/accuracy}); empty unless the tag is a validation tag whose counterpart the run
 *     logged (see {@link Tags})
 */
public record MetricSummary(
    MetricSpec metric, Optional<ScalarPoint> last, Optional<ScalarPoint> best, OptionalDouble gap) {
  public MetricSummary {
    requireNonNull(metric, "metric");
    requireNonNull(last, "last");
    requireNonNull(best, "best");
    requireNonNull(gap, "gap");
  }

  /** {@code metric} in {@code run}. */
  public static MetricSummary of(RunLog run, MetricSpec metric) {
    List<ScalarPoint> series = run.scalars(metric.tag());
    ScalarPoint best = null;
    for (ScalarPoint p : series) {
      // NaN and infinities are what a diverging run logs, never its best
      if (Double.isFinite(p.value())
          && (best == null || metric.goal().isBetter(p.value(), best.value()))) {
        best = p;
      }
    }
    Optional<ScalarPoint> last = run.lastScalar(metric.tag());
    OptionalDouble gap =
        last.flatMap(l -> Tags.trainCounterpart(metric.tag(), run.scalars().keySet()))
            .flatMap(run::lastScalar)
            .map(train -> OptionalDouble.of(train.value() - last.get().value()))
            .orElse(OptionalDouble.empty());
    return new MetricSummary(metric, last, Optional.ofNullable(best), gap);
  }

  /** The final value, if the run logged the metric. */
  public OptionalDouble finalValue() {
    return value(last);
  }

  /** The best value, if the run logged a finite one. */
  public OptionalDouble bestValue() {
    return value(best);
  }

  private static OptionalDouble value(Optional<ScalarPoint> p) {
    return p.map(x -> OptionalDouble.of(x.value())).orElse(OptionalDouble.empty());
  }
}
