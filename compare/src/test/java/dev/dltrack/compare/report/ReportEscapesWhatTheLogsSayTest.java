package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.HostileLogs;
import dev.dltrack.compare.testing.ReportPages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and values from the logs reach the page as text: escaped in the HTML, and inside the
 * embedded JSON with every {@code <} as {@code \u003c}, so that a {@code </script>} in a run name
 * cannot end the data's script element.
 */
class ReportEscapesWhatTheLogsSayTest {
  @TempDir static Path dir;
  static String html;

  @BeforeAll
  static void writeReport() throws Exception {
    Path logs = dir.resolve("logs");
    HostileLogs.write(logs);
    Path report = dir.resolve("report.html");
    Compare.report(logs, report);
    html = Files.readString(report);
  }

  @Test
  void theRunNameIsEscapedText() {
    assertThat(html).doesNotContain(HostileLogs.RUN).doesNotContain(HostileLogs.VALUE);
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void theJsonCannotEndItsScriptElement() throws Exception {
    assertThat(html).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
    assertThat(ReportPages.chartData(html).get("runs").get(0).asText()).isEqualTo(HostileLogs.RUN);
  }

  @Test
  void onlyThePageOwnScriptElementsExist() {
    assertThat(html.split("<script", -1)).hasSize(1 + 3);
  }
}
