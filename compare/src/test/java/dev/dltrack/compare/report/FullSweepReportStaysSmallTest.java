package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.ReportPages;
import dev.dltrack.compare.testing.StudyLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a full sweep (twelve runs of 3900 iterations, twelve histogram tags over eleven
 * steps) stays under 5 MB: every-iteration series are thinned to at most 1000 points a line,
 * keeping their first and last points; epoch-level series are kept whole.
 */
class FullSweepReportStaysSmallTest {
  @TempDir static Path dir;
  static Path report;
  static JsonNode data;

  @BeforeAll
  static void writeReport() throws Exception {
    Path logs = dir.resolve("logs");
    StudyLogs.writeFullSweep(logs);
    report = dir.resolve("report.html");
    Compare.report(logs, report);
    data = ReportPages.chartData(Files.readString(report));
  }

  @Test
  void theFileIsUnderFiveMegabytes() throws Exception {
    System.out.printf("full sweep report: %d KiB%n", Files.size(report) / 1024);
    assertThat(Files.size(report)).isLessThan(5_000_000);
  }

  @Test
  void iterationSeriesAreThinnedKeepingTheirEnds() {
    JsonNode batchLoss = chart("train/batch_loss");
    assertThat(batchLoss.get("lines")).hasSize(12);
    for (JsonNode line : batchLoss.get("lines")) {
      JsonNode x = line.get("x");
      assertThat(x.size()).isBetween(900, HtmlReport.MAX_POINTS);
      assertThat(x.get(0).asLong()).isEqualTo(1);
      assertThat(x.get(x.size() - 1).asLong()).isEqualTo(3900);
    }
  }

  @Test
  void epochSeriesAndHistogramsAreKeptWhole() {
    for (JsonNode line : chart("val/accuracy").get("lines")) {
      assertThat(line.get("x")).hasSize(10);
    }
    assertThat(data.get("histograms")).hasSize(12);
    for (JsonNode tag : data.get("histograms")) {
      assertThat(tag.get("initial")).hasSize(12).allSatisfy(d -> assertThat(d.get("step").asLong()).isZero());
      assertThat(tag.get("bands")).hasSize(12).allSatisfy(b -> assertThat(b.get("x")).hasSize(11));
    }
  }

  private static JsonNode chart(String tag) {
    for (JsonNode section : data.get("scalars")) {
      for (JsonNode chart : section.get("charts")) {
        if (chart.get("tag").asText().equals(tag)) {
          return chart;
        }
      }
    }
    throw new AssertionError("no chart of " + tag);
  }
}
