package dev.dltrack.compare.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.model.RunSummary;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --sort} orders runs by any column, numbers by value and text ignoring case; a missing or
 * NaN value comes last in either direction.
 */
class RunTableSortsByAnyColumnTest {
  private static RunLog run(String name, String scheme, Double accuracy) {
    RunLog.Builder b =
        RunLog.builder(name, Path.of(name))
            .session(
                new Session(
                    Map.of("scheme", scheme, "seed", 1.0), scheme, 0, RunStatus.SUCCESS, 1));
    if (accuracy != null) {
      b.scalar("val/accuracy", new ScalarPoint(1, 1, accuracy));
    }
    return b.build();
  }

  private static final Comparison COMPARISON =
      Comparison.of(
          List.of(
              run("a", "Zeros", 0.5),
              run("b", "he-normal", null),
              run("c", "lsuv", 0.9),
              run("d", "ones", Double.NaN),
              run("e", "default", 0.7)),
          List.of(MetricSpec.of("val/accuracy")));

  private static List<String> order(String column, boolean descending) {
    return ComparisonTables.runs(COMPARISON).sortedBy(column, descending).rows().stream()
        .map(RunSummary::name)
        .toList();
  }

  @Test
  void numbersSortByValueWithMissingAndNaNLast() {
    assertThat(order("val/accuracy", false)).containsExactly("a", "e", "c", "b", "d");
    assertThat(order("val/accuracy", true)).containsExactly("c", "e", "a", "b", "d");
  }

  @Test
  void textSortsIgnoringCase() {
    assertThat(order("scheme", false)).containsExactly("e", "b", "c", "d", "a");
    assertThat(order("run", true)).containsExactly("e", "d", "c", "b", "a");
  }

  @Test
  void anUnknownColumnIsRefusedListingTheColumns() {
    assertThatThrownBy(() -> order("accuracy", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown sort column 'accuracy'; use one of: run, scheme, val/accuracy,"
                + " val/accuracy:best, val/accuracy:best_step, status, wall_time");
  }
}
