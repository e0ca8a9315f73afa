package dev.dltrack.compare.table;

import static java.util.Objects.requireNonNull;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.GroupDifference;
import dev.dltrack.compare.model.RunSummary;
import dev.dltrack.compare.model.SeedGroup;

/**
 * What an {@link OutputFormat} writes: a comparison with its run table (in the order asked for),
 * its group table and its difference table, or only some of them.
 */
public record ComparisonView(
    Comparison comparison,
    Table<RunSummary> runs,
    Table<SeedGroup> groups,
    Table<GroupDifference> differences,
    Part part) {
  /** Which tables to show. */
  public enum Part {
    /** The runs, and the groups and their differences where runs differ only by seed. */
    ALL,
    /** The groups and their differences, without the runs. */
    GROUPS,
    /** The differences between groups alone. */
    DIFFERENCES
  }

  public ComparisonView {
    requireNonNull(comparison, "comparison");
    requireNonNull(runs, "runs");
    requireNonNull(groups, "groups");
    requireNonNull(differences, "differences");
    requireNonNull(part, "part");
  }

  /** The comparison's tables, runs sorted by column {@code sortColumn}. */
  public static ComparisonView of(
      Comparison comparison, String sortColumn, boolean descending, Part part) {
    return new ComparisonView(
        comparison,
        ComparisonTables.runs(comparison).sortedBy(sortColumn, descending),
        ComparisonTables.groups(comparison),
        ComparisonTables.differences(comparison),
        part);
  }

  /** Whether to show the run table. */
  public boolean showsRuns() {
    return part == Part.ALL;
  }

  /** Whether to show the group table: asked for, or some group has more than one run. */
  public boolean showsGroups() {
    return part == Part.GROUPS || (part == Part.ALL && comparison.hasReplicates());
  }

  /** Whether to show the difference table: asked for, or there are differences to show. */
  public boolean showsDifferences() {
    return part == Part.DIFFERENCES || (showsGroups() && !comparison.differences().isEmpty());
  }
}
