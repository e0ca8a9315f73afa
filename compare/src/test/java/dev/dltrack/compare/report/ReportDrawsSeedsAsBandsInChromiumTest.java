package dev.dltrack.compare.report;

import static dev.dltrack.compare.testing.ReportPages.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real browser, a report of runs that differ only by seed draws each scheme as one band (its
 * mean over the seeds, shaded between the ends of the 95% interval) instead of a line per seed: the
 * legend lists the schemes, hovering tells the group, step, mean, interval and number of seeds, and
 * a click on a scheme hides its whole band.
 */
class ReportDrawsSeedsAsBandsInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;

  @BeforeAll
  static void openReport() throws Exception {
    Path logs = dir.resolve("logs");
    for (int seed = 1; seed <= 3; seed++) {
      StudyLogs.write(logs, "he-normal", seed, new Shape(3, true, 0), 0.85, false);
      StudyLogs.write(logs, "lsuv", seed, new Shape(3, true, 0), 0.60, false);
      StudyLogs.write(logs, "zeros", seed, new Shape(3, true, 0), 0.10, false);
    }
    chromium = Chromium.showingReport(dir, logs, false);
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  /** Scrolls the chart into view and waits until its lazy drawing has made its canvas. */
  private static void showChart(String tag) throws InterruptedException {
    chromium.eval(card(tag) + ".scrollIntoView();");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Boolean.TRUE.equals(
        chromium.eval(
            "const c = "
                + card(tag)
                + ".querySelector('canvas');"
                + " return c !== null && c.width > 0;"))) {
      assertThat(System.nanoTime() < deadline).as("chart %s drawn within 20 s", tag).isTrue();
      Thread.sleep(20);
    }
  }

  private static long paintedPixels(String tag) {
    return (Long)
        chromium.eval(
            "const c = "
                + card(tag)
                + ".querySelector('canvas');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n;");
  }

  @Test
  void theLegendListsTheSchemesNotTheSeeds() throws Exception {
    showChart("val/accuracy");

    List<String> legend =
        chromium.evalList(
            "return Array.from("
                + card("val/accuracy")
                + ".querySelectorAll('.u-legend .u-series'))"
                + ".filter(r => r.style.display !== 'none').map(r => r.querySelector('.u-label').textContent)");

    assertThat(legend).containsExactly("step", "he-normal", "lsuv", "zeros");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void hoveringNamesGroupStepMeanIntervalAndSeeds() throws Exception {
    showChart("val/accuracy");
    List<String> tips =
        chromium.evalList(
            "const card = "
                + card("val/accuracy")
                + "; card.scrollIntoView();"
                + "const over = card.querySelector('.u-over'); const r = over.getBoundingClientRect();"
                + "const tips = [];"
                + "for (let x = 0.2; x <= 0.95; x += 0.25) for (let y = 2; y < r.height; y += 2) {"
                + "  over.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + r.width * x,"
                + "    clientY: r.top + y, bubbles: true}));"
                + "  const tip = over.querySelector('.tip');"
                + "  if (tip.style.display !== 'none') tips.push(tip.textContent);"
                + "}"
                + "return tips;");

    assertThat(tips).isNotEmpty();
    assertThat(tips)
        .allMatch(
            t ->
                t.matches(
                    "(he-normal|lsuv|zeros) · step \\d+ · mean 0\\.\\d+ · 95% CI \\[0\\.\\d+, 0\\.\\d+\\] · 3 seeds"));
    assertThat(String.join(" ", tips)).contains("he-normal", "zeros");
  }

  @Test
  void aClickOnASchemeHidesItsWholeBand() throws Exception {
    String chart = card("train/batch_loss");
    showChart("train/batch_loss");
    long before = paintedPixels("train/batch_loss");

    chromium.eval(
        chart + ".querySelectorAll('.u-legend .u-series')[1].querySelector('th').click()");

    List<String> classes =
        chromium.evalList(
            "return Array.from("
                + chart
                + ".querySelectorAll('.u-legend .u-series')).slice(1, 4).map(r => r.className)");
    assertThat(classes).allMatch(c -> c.contains("u-off"));
    long after = paintedPixels("train/batch_loss");
    assertThat(after).isLessThan(before);
    assertThat(chromium.consoleErrors()).isEmpty();
  }
}
