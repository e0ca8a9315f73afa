package dev.dltrack.compare.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.testing.RunLogs;
import dev.dltrack.tracker.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Markdown tables escape what Markdown would read as markup, so that a run named {@code
 * <b>he_normal|x</b>} shows as that text and does not split a cell.
 */
class MarkdownShowsNamesAsTheyAreTest {
  private static String markdown() {
    Comparison c =
        Comparison.of(
            List.of(
                RunLogs.series(
                        RunLogs.run(
                            "<b>he_normal|x</b>", Map.of("seed", 1.0), "", RunStatus.SUCCESS),
                        "val/accuracy",
                        0.88)
                    .build(),
                RunLogs.run("zeros", Map.of("seed", 2.0), "", RunStatus.FAILURE).build()),
            List.of(MetricSpec.of("val/accuracy")));
    StringWriter out = new StringWriter();
    OutputFormat.MARKDOWN.write(
        ComparisonView.of(c, "run", false, ComparisonView.Part.ALL), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void specialCharactersAreEscaped() {
    assertThat(markdown()).contains("| \\<b\\>he\\_normal\\|x\\</b\\> | 1 | 0.8800 |");
  }

  @Test
  void everyRowHasAsManyCellsAsTheHeading() {
    String runTable = markdown().split("## Seed groups")[0];
    List<String> rows = Arrays.stream(runTable.split("\n")).filter(l -> l.startsWith("|")).toList();

    assertThat(rows).hasSize(4);
    assertThat(rows)
        .extracting(MarkdownShowsNamesAsTheyAreTest::cells)
        .containsOnly(cells(rows.get(0)));
    assertThat(rows.get(0))
        .isEqualTo(
            "| run | seed | val/accuracy final | val/accuracy best | val/accuracy step | status | wall |");
    assertThat(rows.get(3)).isEqualTo("| zeros | 2 | — | — | — | failure | 1m30s |");
  }

  /** The cell separators of a row: pipes not escaped by a backslash. */
  private static long cells(String row) {
    return row.replace("\\|", "").chars().filter(c -> c == '|').count();
  }
}
