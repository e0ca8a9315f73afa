package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.HostileLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real browser, a run named {@code <script>alert(1)</script>} and an hparam value {@code <img
 * src=x onerror=alert(2)>} show as text in the tables and legends, and nothing runs.
 */
class ReportShowsHostileNamesAsTextInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;

  @BeforeAll
  static void openReport() throws Exception {
    Path logs = dir.resolve("logs");
    HostileLogs.write(logs);
    chromium = Chromium.showingReport(dir, logs, true);
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

    assertThat(text).contains(HostileLogs.RUN).contains(HostileLogs.VALUE);
  }

  @Test
  void theLegendsNameTheRunAsText() {
    assertThat(
            chromium.<String>evalList(
                "return Array.from(document.querySelectorAll('.u-legend .u-label'))"
                    + ".map(e => e.textContent).filter(t => t.startsWith('<'))"))
        .containsOnly(HostileLogs.RUN)
        .hasSize(2);
  }
}
