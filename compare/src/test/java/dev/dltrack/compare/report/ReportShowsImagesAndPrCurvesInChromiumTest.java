package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report, opened from disk in headless Chromium, shows each image tag with every run side by
 * side at its first and last step, decoded by the browser to the logged size and pixels, and each
 * PR curve tag with every run's curve overlaid on a drawn chart; without an error or a request.
 */
class ReportShowsImagesAndPrCurvesInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;

  /** Each run's weight grid at steps 0, 5 and 10. */
  private static final Map<String, List<ImageData>> GRIDS = new LinkedHashMap<>();

  /** 16 tiles of 28×28 as the study draws first-layer weights: zeros mid-grey, normal around it. */
  private static ImageData weightGrid(String scheme, int step) {
    SplittableRandom r = new SplittableRandom(scheme.hashCode() * 31L + step);
    float[][] w = new float[16][784];
    for (float[] unit : w) {
      for (int i = 0; i < unit.length; i++) {
        unit[i] = scheme.equals("zeros") ? 0f : (float) (r.nextGaussian() * (1 + step / 10.0));
      }
    }
    float max = 0;
    for (float[] unit : w) {
      max =
          Math.max(
              max,
              PixelRange.symmetricAround(unit).high() > 0
                  ? (float) PixelRange.symmetricAround(unit).high()
                  : 0);
    }
    return ImageData.grid(ImageData.tiles(w, 28, 28, PixelRange.symmetric(max)), 4);
  }

  @BeforeAll
  static void openReport() throws Exception {
    Path logs = dir.resolve("logs");
    for (String scheme : List.of("he-normal", "zeros")) {
      try (Run run = Run.builder(scheme).logRoot(logs).open()) {
        GRIDS.put(scheme, new ArrayList<>());
        for (int step : new int[] {0, 5, 10}) {
          ImageData grid = weightGrid(scheme, step);
          GRIDS.get(scheme).add(grid);
          run.image("layer0/W/tiles", step, grid);
          run.scalar("val/accuracy", step, step / 20.0);
        }
        SplittableRandom r = new SplittableRandom(scheme.length());
        int[] labels = new int[2000];
        float[][] probs = new float[2000][2];
        double skill = scheme.equals("zeros") ? 0 : 1.5;
        for (int i = 0; i < labels.length; i++) {
          labels[i] = i % 2;
          double z = (labels[i] == 1 ? skill : -skill) + r.nextGaussian();
          probs[i][1] = (float) (1 / (1 + Math.exp(-z)));
          probs[i][0] = 1 - probs[i][1];
        }
        run.prCurves("pr/test", 10, labels, probs, List.of("Trouser", "Sneaker"));
      }
    }
    chromium = Chromium.showingReport(dir, logs, true);
    chromium.eval("document.getElementById('images').scrollIntoView()");
    chromium.screenshot(Path.of("target/report-images-screenshot.png"));
    chromium.eval("document.getElementById('pr-curves').scrollIntoView()");
    chromium.screenshot(Path.of("target/report-pr-curves-screenshot.png"));
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void eachRunShowsItsFirstAndLastImageSideBySideAtTheLoggedSize() {
    List<Object> figures =
        chromium.evalList(
            "return Array.from(document.querySelectorAll('#images figure.run-images')).map(f =>"
                + " [f.querySelector('figcaption').textContent].concat(Array.from(f.querySelectorAll('img'))"
                + ".map(i => [i.dataset.step, i.complete, i.naturalWidth, i.naturalHeight].join(' '))))");
    ImageData grid = GRIDS.get("he-normal").get(0);
    String size = grid.width() + " " + grid.height();
    assertThat(figures)
        .containsExactly(
            List.of("he-normal", "0 true " + size, "10 true " + size),
            List.of("zeros", "0 true " + size, "10 true " + size));
  }

  @Test
  void theBrowserDecodesTheLoggedPixels() {
    for (String scheme : GRIDS.keySet()) {
      for (int k = 0; k < 2; k++) {
        ImageData logged = GRIDS.get(scheme).get(k == 0 ? 0 : 2);
        List<Number> row =
            chromium.evalList(
                "const img = document.querySelector('figure[data-run=\""
                    + scheme
                    + "\"] img[data-step=\""
                    + (k == 0 ? 0 : 10)
                    + "\"]');"
                    + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                    + "const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                    + "const d = g.getImageData(0, 40, c.width, 1).data; const out = [];"
                    + "for (let x = 0; x < c.width; x++) out.push(d[4 * x]); return out;");
        assertThat(row).hasSize(logged.width());
        for (int x = 0; x < logged.width(); x++) {
          assertThat(row.get(x).intValue())
              .as("%s pixel (40, %d)", scheme, x)
              .isEqualTo(logged.level(40, x, 0));
        }
      }
    }
  }

  @Test
  void everyPrCurveTagIsAChartWithEveryRunOverlaid() {
    List<Object> cards =
        chromium.evalList(
            "return Array.from(document.querySelectorAll('#pr-charts .card')).map(c => [c.querySelector('h4').textContent]"
                + ".concat(Array.from(c.querySelectorAll('.u-legend .u-series th')).map(t => t.textContent.trim())))");
    assertThat(cards)
        .containsExactly(
            List.of("pr/test/Sneaker", "recall", "he-normal", "zeros"),
            List.of("pr/test/Trouser", "recall", "he-normal", "zeros"));
    List<Number> painted =
        chromium.evalList(
            "return Array.from(document.querySelectorAll('#pr-charts canvas')).map(c => {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n; })");
    assertThat(painted).hasSize(2).allMatch(n -> n.intValue() > 1000);
  }

  @Test
  void nothingFailedAndNothingWasFetched() {
    assertThat(chromium.consoleErrors()).isEmpty();
    assertThat(chromium.eval("return performance.getEntriesByType('resource').length"))
        .isEqualTo(0L);
  }
}
