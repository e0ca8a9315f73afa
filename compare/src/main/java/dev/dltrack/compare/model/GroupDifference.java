package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import dev.dltrack.compare.model.DifferenceTest.Design;
import java.util.List;

/**
 * One seed group against a reference group, every compared metric: the group's mean minus the
 * reference's, with its 95% interval and p-value, paired seed by seed when both groups ran the same
 * seeds.
 *
 * @param group the group compared
 * @param reference the group it is compared against: the best one, or for a pair asked about the
 *     better of the two
 * @param design {@link Design#PAIRED} when both groups ran the same seeds, once each; else {@link
 *     Design#WELCH}
 * @param metrics one per metric compared, in the comparison's order
 */
public record GroupDifference(
    String group, String reference, Design design, List<MetricDifference> metrics) {
  public GroupDifference {
    requireNonNull(group, "group");
    requireNonNull(reference, "reference");
    requireNonNull(design, "design");
    metrics = List.copyOf(metrics);
  }

  /** The difference of the {@code i}-th metric compared. */
  public MetricDifference metric(int i) {
    return metrics.get(i);
  }

  /** Whether this compares the two groups {@code a} and {@code b}, in either order. */
  public boolean concerns(String a, String b) {
    return (group.equals(a) && reference.equals(b)) || (group.equals(b) && reference.equals(a));
  }
}
