package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One run of a seed group: its seed, and the final value of each compared metric.
 *
 * @param run the run's name
 * @param seed the run's {@code seed} hyperparameter as text ({@code 3}); empty without one
 * @param finals one per metric compared, in the comparison's order; empty where the run did not log
 *     the metric
 */
public record Replicate(String run, Optional<String> seed, List<OptionalDouble> finals) {
  public Replicate {
    requireNonNull(run, "run");
    requireNonNull(seed, "seed");
    finals = List.copyOf(finals);
  }

  /** The final value of the {@code i}-th metric compared, if the run logged it. */
  public OptionalDouble finalValue(int i) {
    return finals.get(i);
  }
}
