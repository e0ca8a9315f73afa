package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.compare.testing.Chromium;
import dev.dltrack.compare.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of event files that TensorBoard and TensorFlow wrote themselves (legacy and tensor
 * histograms, exponential buckets, a run without hparams) draws every chart without an error.
 */
class ReportOfOtherWritersOpensInChromiumTest {
  @TempDir static Path dir;
  private static Chromium chromium;

  @BeforeAll
  static void openReport() throws Exception {
    chromium =
        Chromium.showingReport(
            dir, ComparisonRequest.builder(Fixtures.dir("tensorboard")).metric("loss"), true);
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void everyChartIsDrawnWithoutAnError() {
    List<Number> painted = chromium.paintedPixelsPerCanvas();

    // scalars acc/tensor, loss, loss/simple; histograms weights/dense_0, weights/legacy_hist and
    // weights/tensor_hist, each a density chart and one band chart per run that has it
    assertThat(painted).hasSize(3 + 3 * 2);
    assertThat(painted).allSatisfy(n -> assertThat(n.intValue()).isGreaterThan(100));
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  @Test
  void theTableShowsWhatTensorBoardServes() {
    String text =
        (String) chromium.eval("return document.querySelector('#comparison table').innerText");

    // "last": [..., 199, 0.004999999888241291]
    assertThat(text).contains("tensorflow-native").contains("0.005000").contains("199");
  }
}
