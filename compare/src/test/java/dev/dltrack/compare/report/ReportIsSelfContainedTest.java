package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.ReportPages;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report is one file that needs nothing else: no attribute or style refers to anything but the
 * page itself (images are inline PNGs), uPlot is inlined, and its Content-Security-Policy lets
 * nothing load and only the page's own scripts run.
 */
class ReportIsSelfContainedTest {
  @TempDir static Path dir;
  static String html;

  @BeforeAll
  static void writeReport() throws Exception {
    Path logs = dir.resolve("logs");
    StudyLogs.write(logs, "he-normal", 1, new Shape(2, true, 500), 0.85, false);
    StudyLogs.write(logs, "zeros", 1, new Shape(2, true, 500), 0.1, true);
    // an image and PR curves too: the report inlines one and draws the other
    try (Run run = Run.builder("media").logRoot(logs).open()) {
      run.image("layer0/W/tiles", 0, ImageData.grey(new byte[][] {{0, 127}, {(byte) 255, 64}}));
      run.prCurve("pr/test", 0, new boolean[] {true, false, true}, new float[] {0.9f, 0.2f, 0.6f});
    }
    Path report = dir.resolve("report.html");
    Compare.report(logs, report);
    html = Files.readString(report);
  }

  @Test
  void nothingRefersOutsideThePage() {
    // images are inline PNGs, nothing else has a source
    Matcher srcs = Pattern.compile("(?i)\\ssrc\\s*=\\s*\"?([^\"\\s>]*)").matcher(html);
    int images = 0;
    while (srcs.find()) {
      assertThat(srcs.group(1)).matches("data:image/png;base64,[A-Za-z0-9+/=]+");
      images++;
    }
    assertThat(images).isEqualTo(1);
    assertThat(html).doesNotContainPattern("(?i)@import");
    assertThat(html).doesNotContainPattern("(?i)url\\(");
    Matcher hrefs = Pattern.compile("(?i)\\shref\\s*=\\s*\"([^\"]*)\"").matcher(html);
    while (hrefs.find()) {
      assertThat(hrefs.group(1)).matches("#[a-z][a-z-]*|data:,");
    }
    // the only URL in the page is uPlot's licence comment, which loads nothing
    Matcher urls = Pattern.compile("(?i)(https?|ftp)://[^\\s\"')]*").matcher(html);
    while (urls.find()) {
      assertThat(urls.group()).isEqualTo("https://github.com/leeoniya/uPlot");
    }
  }

  @Test
  void uPlotIsInlined() {
    assertThat(html).contains("var uPlot=function(){").contains(".uplot {font-family");
  }

  @Test
  void thePolicyRunsExactlyThePageScripts() {
    List<String> scripts = ReportPages.scripts(html);
    assertThat(scripts).hasSize(2);
    Matcher csp =
        Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")
            .matcher(html);
    assertThat(csp.find()).isTrue();
    assertThat(csp.group(1))
        .startsWith(
            "default-src 'none'; script-src "
                + Html.scriptHash(scripts.get(0))
                + " "
                + Html.scriptHash(scripts.get(1))
                + ";")
        .doesNotContain("unsafe-eval")
        .doesNotContain("script-src 'unsafe-inline'");
  }
}
