package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Runs that share every hyperparameter but the seed, and the statistics of each compared metric's
 * final value over them.
 *
 * @param name the runs' common session group name, else their hyperparameters that differ from
 *     other groups' ({@code scheme=he-normal}), else the first run's name
 * @param replicates the runs with their seeds and final values, in the comparison's order
 * @param statistics one per metric compared, in the comparison's order
 */
public record SeedGroup(
    String name, List<Replicate> replicates, List<SampleStatistics> statistics) {
  public SeedGroup {
    requireNonNull(name, "name");
    replicates = List.copyOf(replicates);
    statistics = List.copyOf(statistics);
  }

  /** The runs' names, in the comparison's order. */
  public List<String> runs() {
    return replicates.stream().map(Replicate::run).toList();
  }

  /** The statistics of the {@code i}-th metric compared. */
  public SampleStatistics statistics(int i) {
    return statistics.get(i);
  }

  /**
   * The runs' seeds when every run has one and no two share it: what lets two groups be compared
   * seed by seed; empty otherwise.
   */
  public Optional<List<String>> distinctSeeds() {
    List<String> seeds = replicates.stream().flatMap(r -> r.seed().stream()).toList();
    boolean usable =
        seeds.size() == replicates.size() && seeds.stream().distinct().count() == seeds.size();
    return usable ? Optional.of(seeds) : Optional.empty();
  }
}
