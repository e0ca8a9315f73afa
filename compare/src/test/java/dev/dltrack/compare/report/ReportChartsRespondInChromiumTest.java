package dev.dltrack.compare.report;

import static dev.dltrack.compare.testing.ReportPages.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's charts and tables respond in a real browser: hovering names the run, step and value;
 * a click on a legend entry hides the run, and it stays hidden on a log scale; a click on a heading
 * sorts the table.
 */
class ReportChartsRespondInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;

  @BeforeAll
  static void openReport() throws Exception {
    Path logs = dir.resolve("logs");
    StudyLogs.write(logs, "he-normal", 1, new Shape(3, true, 200), 0.85, false);
    StudyLogs.write(logs, "lsuv", 1, new Shape(3, true, 200), 0.88, false);
    StudyLogs.write(logs, "zeros", 1, new Shape(3, true, 200), 0.10, false);
    chromium = Chromium.showingReport(dir, logs, false);
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void hoveringNamesRunStepAndValue() {
    // sweep the cursor down the middle of val/accuracy until it is near a line
    List<String> tips =
        chromium.evalList(
            "const card = "
                + card("val/accuracy")
                + "; card.scrollIntoView();"
                + "const over = card.querySelector('.u-over'); const r = over.getBoundingClientRect();"
                + "const tips = [];"
                + "for (let y = 2; y < r.height; y += 2) {"
                + "  over.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + r.width / 2,"
                + "    clientY: r.top + y, bubbles: true}));"
                + "  const tip = over.querySelector('.tip');"
                + "  if (tip.style.display !== 'none') tips.push(tip.textContent);"
                + "}"
                + "return tips;");

    assertThat(tips).isNotEmpty();
    assertThat(tips).allMatch(t -> t.matches("(he-normal|lsuv|zeros)-s1 · step \\d+ · \\d\\.\\d+"));
    assertThat(String.join(" ", tips)).contains("lsuv-s1", "zeros-s1");
  }

  @Test
  void aHiddenRunStaysHiddenOnALogScale() {
    String chart = card("val/loss");
    chromium.eval(chart + ".scrollIntoView();");
    chromium.eval(
        chart + ".querySelectorAll('.u-legend .u-series')[2].querySelector('th').click()");
    assertThat(
            chromium.eval(
                "return " + chart + ".querySelectorAll('.u-legend .u-series')[2].className"))
        .asString()
        .contains("u-off");

    chromium.eval(chart + ".querySelector('input[type=checkbox]').click()");

    assertThat(chromium.eval("return " + chart + ".querySelectorAll('canvas').length"))
        .isEqualTo(1L);
    assertThat(
            chromium.eval(
                "return " + chart + ".querySelectorAll('.u-legend .u-series')[2].className"))
        .asString()
        .contains("u-off");
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void onlyLossesOfferALogScale() {
    assertThat(
            chromium.<String>evalList(
                "return Array.from(document.querySelectorAll('.card')).filter(c =>"
                    + " c.querySelector('input[type=checkbox]')).map(c => c.querySelector('h4').textContent)"))
        .containsExactlyInAnyOrder("train/loss", "val/loss", "train/batch_loss", "test/loss");
  }

  @Test
  void aClickOnAHeadingSortsTheTable() {
    String rows =
        "return Array.from(document.querySelector('#comparison table').tBodies[0].rows)"
            + ".map(r => r.cells[0].textContent)";
    String finalAccuracy =
        "document.querySelector('#comparison table thead tr:last-child').cells[2]";

    chromium.eval(finalAccuracy + ".click()");
    assertThat(chromium.<String>evalList(rows))
        .containsExactly("zeros-s1", "he-normal-s1", "lsuv-s1");
    chromium.eval(finalAccuracy + ".click()");
    assertThat(chromium.<String>evalList(rows))
        .containsExactly("lsuv-s1", "he-normal-s1", "zeros-s1");
  }
}
