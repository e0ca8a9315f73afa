package dev.dltrack.compare.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.ComparisonRequest;
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
 * The text table fits an 80-column terminal however many metrics it shows: columns that do not
 * fit continue in blocks below that repeat the run column, and long names are shortened in the
 * middle.
 */
class TextTableFitsEightyColumnsTest {
  @TempDir static Path sweep;
  @TempDir static Path seeds;

  /** Twelve runs, one per scheme; and four schemes with three seeds each. */
  @BeforeAll
  static void writeLogs() throws Exception {
    for (int i = 0; i < StudyLogs.SCHEMES.size(); i++) {
      StudyLogs.write(sweep, StudyLogs.SCHEMES.get(i), 1, Shape.SMALL, 0.8 + 0.01 * i, i == 3);
    }
    for (int i = 0; i < 4; i++) {
      for (int seed = 1; seed <= 3; seed++) {
        StudyLogs.write(seeds, StudyLogs.SCHEMES.get(i), seed, Shape.SMALL, 0.8 + 0.03 * i, false);
      }
    }
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  @Test
  void twelveRunsWithTheDefaultMetricsFit() throws Exception {
    String out = Compare.print(sweep);

    assertThat(lines(out)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    // every block lists every run under the repeated run column
    long blocks = lines(out).stream().filter(l -> l.startsWith("run ")).count();
    assertThat(blocks).isGreaterThan(1);
    for (String scheme : StudyLogs.SCHEMES) {
      assertThat(lines(out).stream().filter(l -> l.startsWith(scheme + "-s1 ")).count()).isEqualTo(blocks);
    }
  }

  @Test
  void manyMetricsAndTheGroupTableFit() throws Exception {
    String out =
        Compare.print(
            ComparisonRequest.builder(seeds)
                .metrics(
                    List.of(
                        "val/accuracy", "val/loss", "train/accuracy", "layer0/activation/std",
                        "layer2/dead_relu_fraction", "test/accuracy")));

    assertThat(out).contains("Seed groups").contains("95% CI");
    assertThat(lines(out)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void headingsShowTheMetricOverItsColumns() throws Exception {
    String out = Compare.print(sweep);

    List<String> lines = lines(out);
    int heading = lines.indexOf(lines.stream().filter(l -> l.contains("val/accuracy")).findFirst().orElseThrow());
    assertThat(lines.get(heading + 1)).startsWith("run ").contains("final", "best", "step", "gap");
    assertThat(lines.get(heading + 1)).contains("scheme");
  }

  @Test
  void longNamesAreShortenedInTheMiddleKeepingTheSeed() {
    assertThat(TextTable.abbreviate("xavier-normal-very-long-scheme-name-s3", 16)).isEqualTo("xavier-n…name-s3");
    assertThat(TextTable.abbreviate("xavier-normal-very-long-scheme-name-s3", 16)).hasSize(16);
    assertThat(TextTable.abbreviate("short", 16)).isEqualTo("short");
  }
}
