package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.ReportCommand;
import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.Cli;
import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real browser, a run named {@code <script>alert(1)</script>} and an hparam value {@code
 * <img src=x onerror=alert(2)>} show as text in the tables and legends, and nothing runs.
 */
class ReportShowsHostileNamesAsTextInChromiumTest {
  static final String XSS_RUN = "<script>alert(1)</script>";
  static final String XSS_VALUE = "<img src=x onerror=alert(2)>";

  @TempDir static Path dir;
  private static Chromium chromium;

  @BeforeAll
  static void openReport() throws Exception {
    chromium = Chromium.start(dir.resolve("profile"));
    Path logs = dir.resolve("logs");
    // the reader names the run by its path: directory "<script>alert(1)<", run "script>"
    try (Run run =
        Run.builder("script>")
            .logRoot(logs.resolve("<script>alert(1)<"))
            .formats("tensorboard")
            .config(Map.of("model", XSS_VALUE, "seed", 1))
            .open()) {
      run.scalar("val/accuracy", 1, 0.5);
      run.scalar("val/accuracy", 2, 0.7);
      run.histogram("layer0/W", 0, new float[] {0.1f, -0.2f, 0.3f, 0.05f});
    }
    try (Run run =
        Run.builder("plain").logRoot(logs).formats("tensorboard").config(Map.of("model", "mlp", "seed", 2)).open()) {
      run.scalar("val/accuracy", 1, 0.6);
      run.scalar("val/accuracy", 2, 0.65);
    }
    Path report = dir.resolve("report.html");
    Cli.run(new ReportCommand(), logs.toString(), "-o", report.toString());
    chromium.openReport(report, true);
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void noDialogOpensAndNothingIsInjected() {
    assertThat(chromium.dialogOpen()).isFalse();
    assertThat(chromium.eval("return document.querySelectorAll('script').length")).isEqualTo(3L);
    assertThat(chromium.eval("return document.querySelectorAll('img').length")).isEqualTo(0L);
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void theNamesShowAsText() {
    String text = (String) chromium.eval("return document.body.innerText");

    assertThat(text).contains(XSS_RUN).contains(XSS_VALUE);
  }

  @Test
  void theLegendsNameTheRunAsText() {
    assertThat(
            chromium.<String>evalList(
                "return Array.from(document.querySelectorAll('.u-legend .u-label'))"
                    + ".map(e => e.textContent).filter(t => t.startsWith('<'))"))
        .containsOnly(XSS_RUN)
        .hasSize(2);
  }
}
