package dev.dltrack.compare.table;

import static java.util.Objects.requireNonNull;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.RunSummary;
import dev.dltrack.compare.model.SeedGroup;

/**
 * What an {@link OutputFormat} writes: a comparison with its run table (in the order asked for)
 * and its group table, or the groups alone.
 */
public record ComparisonView(
    Comparison comparison, Table<RunSummary> runs, Table<SeedGroup> groups, boolean groupsOnly) {
  public ComparisonView {
    requireNonNull(comparison, "comparison");
    requireNonNull(runs, "runs");
    requireNonNull(groups, "groups");
  }

  /** The comparison's tables, runs sorted by column {@code sortColumn}. */
  public static ComparisonView of(
      Comparison comparison, String sortColumn, boolean descending, boolean groupsOnly) {
    return new ComparisonView(
        comparison,
        ComparisonTables.runs(comparison).sortedBy(sortColumn, descending),
        ComparisonTables.groups(comparison),
        groupsOnly);
  }

  /** Whether to show the group table: asked for, or some group has more than one run. */
  public boolean showsGroups() {
    return groupsOnly || comparison.hasReplicates();
  }
}
