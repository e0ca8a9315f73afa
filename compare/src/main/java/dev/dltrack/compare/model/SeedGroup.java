package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Runs that share every hyperparameter but the seed, and the statistics of each compared metric's
 * final value over them.
 *
 * @param name the runs' common session group name, else their hyperparameters that differ from
 *     other groups' ({@code scheme=he-normal}), else the first run's name
 * @param runs the runs' names, in the comparison's order
 * @param statistics one per metric compared, in the comparison's order
 */
public record SeedGroup(String name, List<String> runs, List<SampleStatistics> statistics) {
  public SeedGroup {
    requireNonNull(name, "name");
    runs = List.copyOf(runs);
    statistics = List.copyOf(statistics);
  }

  /** The statistics of the {@code i}-th metric compared. */
  public SampleStatistics statistics(int i) {
    return statistics.get(i);
  }
}
