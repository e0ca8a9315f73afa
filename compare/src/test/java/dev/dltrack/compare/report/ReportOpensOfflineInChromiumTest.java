package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.StudyLogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a full sweep (twelve runs, every iteration's loss, twelve histogram tags), opened
 * from disk in headless Chromium, shows its first charts in under two seconds, and draws every
 * chart without an error or a request, with every run in every legend.
 */
class ReportOpensOfflineInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;
  private static Path report;
  private static double renderedMs;
  private static long openMillis;
  private static double allChartsMs;

  @BeforeAll
  static void openReport() throws Exception {
    chromium = Chromium.start(dir.resolve("profile"));
    Path logs = dir.resolve("logs");
    StudyLogs.writeFullSweep(logs);
    report = dir.resolve("report.html");
    Compare.report(logs, report);

    long start = System.nanoTime();
    chromium.open(report);
    renderedMs =
        ((Number)
                chromium.evalAsync(
                    "var done = arguments[arguments.length - 1];"
                        + "var ms = function () { return Number(document.body.dataset.renderedMs); };"
                        + "if (document.body.dataset.renderedMs) done(ms());"
                        + "else document.addEventListener('report-rendered', function () { done(ms()); });"))
            .doubleValue();
    openMillis = (System.nanoTime() - start) / 1_000_000;
    chromium.screenshot(Path.of("target/report-screenshot.png"));
    // charts out of view are drawn as they come near it; printing draws them all
    allChartsMs =
        ((Number)
                chromium.evalAsync(
                    "var done = arguments[arguments.length - 1]; var t0 = performance.now();"
                        + "window.dispatchEvent(new Event('beforeprint'));"
                        + "setTimeout(function () { done(performance.now() - t0); }, 0);"))
            .doubleValue();
    chromium.eval("document.getElementById('distributions').scrollIntoView()");
    chromium.screenshot(Path.of("target/report-distributions-screenshot.png"));
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void drawsTheChartsInViewInUnderTwoSecondsFromNavigation() {
    System.out.printf(
        "full sweep report (%d KiB): charts in view drawn %.0f ms after navigation (%d ms after"
            + " driver.get); every other chart %.0f ms more%n",
        report.toFile().length() / 1024, renderedMs, openMillis, allChartsMs);
    assertThat(renderedMs).isLessThan(2000);
    // 20 scalar tags; 12 histogram tags, each one density chart and a band chart per run
    assertThat(chromium.eval("return document.body.dataset.charts")).isEqualTo(String.valueOf(20 + 12 * 13));
  }

  @Test
  void logsNoConsoleErrors() {
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void fetchesNothing() {
    assertThat(chromium.<String>evalList("return performance.getEntriesByType('resource').map(e => e.name)"))
        .isEmpty();
  }

  @Test
  void everyRunIsInTheLegendOfEveryChartOfAllRuns() {
    List<List<String>> legends =
        chromium.evalList(
            "return Array.from(document.querySelectorAll('.u-legend')).map(l =>"
                + " Array.from(l.querySelectorAll('.u-series .u-label')).map(e => e.textContent)"
                + " .filter(t => t !== 'step' && t !== 'value'))");
    List<String> runs = StudyLogs.SCHEMES.stream().map(s -> s + "-s1").toList();
    // band charts have no legend: each shows one run, named in its title
    assertThat(legends).hasSize(20 + 12);
    assertThat(legends).allSatisfy(l -> assertThat(l).containsExactlyInAnyOrderElementsOf(runs));
  }

  @Test
  void everyChartCanvasHasPaintedPixels() {
    List<Number> painted = chromium.paintedPixelsPerCanvas();
    assertThat(painted).hasSize(20 + 12 * 13);
    assertThat(painted).allSatisfy(n -> assertThat(n.intValue()).isGreaterThan(500));
  }
}
