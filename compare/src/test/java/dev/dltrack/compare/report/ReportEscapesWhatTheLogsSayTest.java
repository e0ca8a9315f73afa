package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.ReportCommand;
import dev.dltrack.compare.testing.Cli;
import dev.dltrack.compare.testing.ReportPages;
import dev.dltrack.tracker.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and values from the logs reach the page as text: escaped in the HTML, and inside the
 * embedded JSON with every {@code <} as {@code \u003c}, so that a {@code </script>} in a run name
 * cannot end the data's script element.
 */
class ReportEscapesWhatTheLogsSayTest {
  static final String XSS_RUN = "<script>alert(1)</script>";
  static final String XSS_VALUE = "<img src=x onerror=alert(2)>";

  @TempDir static Path dir;
  static String html;

  /** A run directory {@code <script>alert(1)<} holding {@code script>}: the reader names it so. */
  @BeforeAll
  static void writeReport() throws Exception {
    Path logs = dir.resolve("logs");
    try (Run run =
        Run.builder("script>")
            .logRoot(logs.resolve("<script>alert(1)<"))
            .formats("tensorboard")
            .config(Map.of("model", XSS_VALUE, "seed", 1))
            .open()) {
      run.scalar("val/accuracy", 1, 0.5);
      run.histogram("layer0/W", 0, new float[] {0.1f, -0.2f, 0.3f});
    }
    try (Run run =
        Run.builder("plain").logRoot(logs).formats("tensorboard").config(Map.of("model", "mlp", "seed", 2)).open()) {
      run.scalar("val/accuracy", 1, 0.6);
    }
    Path report = dir.resolve("report.html");
    Cli.run(new ReportCommand(), logs.toString(), "-o", report.toString());
    html = Files.readString(report);
  }

  @Test
  void theRunNameIsEscapedText() {
    assertThat(html).doesNotContain(XSS_RUN).doesNotContain(XSS_VALUE);
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void theJsonCannotEndItsScriptElement() throws Exception {
    assertThat(html).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
    assertThat(ReportPages.chartData(html).get("runs").get(0).asText()).isEqualTo(XSS_RUN);
  }

  @Test
  void onlyThePageOwnScriptElementsExist() {
    assertThat(html.split("<script", -1)).hasSize(1 + 3);
  }
}
