package dev.dltrack.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.table.ComparisonView.Part;
import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runs} selects runs by a glob, {@code --metric} chooses the columns and their goal,
 * {@code --sort}/{@code --desc} order the rows and {@code --groups} shows the groups alone.
 */
class CompareOptionsSelectAndOrderRunsTest {
  @TempDir static Path logs;

  @BeforeAll
  static void writeLogs() throws Exception {
    for (int seed = 1; seed <= 2; seed++) {
      StudyLogs.write(logs, "he-normal", seed, Shape.SMALL, 0.85, false);
      StudyLogs.write(logs, "he-uniform", seed, Shape.SMALL, 0.84, false);
      StudyLogs.write(logs, "zeros", seed, Shape.SMALL, 0.10, false);
    }
  }

  private static List<String> csvColumn(String csv, int column) {
    return Arrays.stream(csv.split("\r\n")).skip(1).map(l -> l.split(",")[column]).toList();
  }

  @Test
  void aGlobSelectsRuns() throws Exception {
    String csv = Compare.print(ComparisonRequest.builder(logs).runs("he-*"), OutputFormat.CSV);

    assertThat(csvColumn(csv, 0))
        .containsExactly("he-normal-s1", "he-normal-s2", "he-uniform-s1", "he-uniform-s2");
  }

  @Test
  void metricsAndTheirGoalsAreChosen() throws Exception {
    String csv =
        Compare.print(ComparisonRequest.builder(logs).metric("val/accuracy:min"), OutputFormat.CSV);

    assertThat(csv.substring(0, csv.indexOf("\r\n")))
        .isEqualTo(
            "run,scheme,seed,val/accuracy,val/accuracy:best,val/accuracy:best_step,"
                + "val/accuracy:gap,status,wall_time");
    // :min makes the lowest value the best: the first epoch's
    assertThat(csvColumn(csv, 5)).containsOnly("390");
  }

  @Test
  void rowsAreSortedDescendingByAColumn() throws Exception {
    String csv =
        Compare.print(ComparisonRequest.builder(logs).sort("test/accuracy", true), OutputFormat.parse("CSV"));

    assertThat(csvColumn(csv, 0))
        .containsExactly(
            "he-normal-s1", "he-normal-s2", "he-uniform-s1", "he-uniform-s2", "zeros-s1", "zeros-s2");
  }

  @Test
  void groupsAloneReplaceTheRuns() throws Exception {
    String text = Compare.print(ComparisonRequest.builder(logs).part(Part.GROUPS));

    assertThat(text).startsWith("Seed groups").doesNotContain("he-normal-s1");
    assertThat(text).contains("Differences between seed groups").contains("Best val/accuracy: he-normal");
  }
}
