package dev.dltrack.compare.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.Goal;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.table.ComparisonTables;
import dev.dltrack.compare.table.ComparisonView;
import dev.dltrack.compare.table.TextFormat;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A comparison as one self-contained HTML file that opens offline from disk: the comparison tables,
 * an interactive chart per scalar tag with every run overlaid (uPlot, inlined), each histogram
 * tag's first distribution of every run side by side and each run's percentile bands over steps,
 * each image tag's first and last image of every run side by side, each PR curve tag's last curve
 * of every run overlaid, and every run's hyperparameters.
 *
 * <p>Nothing is fetched: uPlot's script and style are copied in from its webjar, the chart data is
 * JSON inside the page, and a Content-Security-Policy forbids loading anything and runs only the
 * page's own two scripts, by their hashes. Every name and value from the logs is escaped. Series
 * longer than {@link #MAX_POINTS} points are thinned so that a full sweep stays small.
 */
public final class HtmlReport {
  /** The most points a chart line gets; longer series are thinned (see {@link Downsampling}). */
  public static final int MAX_POINTS = 1000;

  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final String UPLOT_DIST = "/META-INF/resources/webjars/uplot/%s/dist/%s";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HtmlReport() {}

  /** Writes the report of {@code view} over {@code runs} to {@code file}, replacing it. */
  public static void write(Path file, String title, ComparisonView view, List<RunLog> runs)
      throws IOException {
    Files.writeString(file, render(title, view, runs), UTF_8);
  }

  /** The report of {@code view} over {@code runs}, titled {@code title}, as an HTML document. */
  public static String render(String title, ComparisonView view, List<RunLog> runs) {
    String uplotVersion = uplotVersion();
    String uplotScript = resource(String.format(UPLOT_DIST, uplotVersion, "uPlot.iife.min.js"));
    String uplotStyle = resource(String.format(UPLOT_DIST, uplotVersion, "uPlot.min.css"));
    String script = resource("report.js");
    String style = resource("report.css");
    Comparison comparison = view.comparison();
    // runs that differ only by seed are drawn as one band per group, not a line per seed
    boolean bands = comparison.hasReplicates();
    String data =
        Html.scriptJson(
            json(ChartData.of(runs, bands ? comparison.groups() : List.of(), MAX_POINTS)));
    String csp =
        "default-src 'none'; script-src "
            + Html.scriptHash(uplotScript)
            + " "
            + Html.scriptHash(script)
            + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    StringBuilder html = new StringBuilder(data.length() + uplotScript.length() + 65_536);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(csp)
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // an empty icon, so that no browser goes looking for /favicon.ico
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>\n")
        .append("<style>\n")
        .append(uplotStyle)
        .append("\n</style>\n")
        .append("<style>\n")
        .append(style)
        .append("</style>\n</head>\n<body>\n");
    header(title, view.comparison(), html);
    html.append("<main>\n");
    comparison(view, html);
    html.append("<section id=\"scalars\">\n<h2>Scalars</h2>\n")
        .append(
            bands
                ? "<p class=\"hint\">One chart per tag, each seed group a band: the mean over its"
                    + " seeds at each step, shaded between the ends of the 95% confidence interval"
                    + " of that mean (Student t). Hover for group, step, mean, interval and number of"
                    + " seeds; click a group in a legend to hide it; drag to zoom, double-click to"
                    + " zoom out.</p>\n"
                : "<p class=\"hint\">Every run on one chart per tag. Hover for run, step and value;"
                    + " click a run in a legend to hide it; drag to zoom, double-click to zoom"
                    + " out.</p>\n")
        .append("<div id=\"scalar-charts\"></div>\n</section>\n");
    html.append("<section id=\"distributions\">\n<h2>Distributions</h2>\n")
        .append("<p class=\"hint\">Per histogram tag: every run's first logged distribution as a")
        .append(" density, then how each run's distribution moved over steps (median line; bands")
        .append(" from the outside in: min–max, 6.7–93.3%, 15.9–84.1%, 30.9–69.1%, the percentiles")
        .append(" of TensorBoard's Distributions dashboard).</p>\n")
        .append("<div id=\"histogram-charts\"></div>\n</section>\n");
    images(runs, html);
    html.append("<section id=\"pr-curves\">\n<h2>PR curves</h2>\n")
        .append("<p class=\"hint\">Per tag, every run's precision-recall curve at the last step it")
        .append(
            " logged, overlaid. Hover for run, recall and precision; click a run in a legend to")
        .append(" hide it.</p>\n")
        .append("<div id=\"pr-charts\"></div>\n</section>\n");
    html.append("<section id=\"hparams\">\n<h2>Hyperparameters</h2>\n")
        .append(HtmlTable.render(ComparisonTables.hparams(view.comparison())))
        .append("</section>\n");
    warnings(runs, html);
    html.append("</main>\n")
        .append("<script type=\"application/json\" id=\"report-data\">")
        .append(data)
        .append("</script>\n")
        .append("<script>")
        .append(inlineScript(uplotScript))
        .append("</script>\n")
        .append("<script>")
        .append(inlineScript(script))
        .append("</script>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private static void header(String title, Comparison c, StringBuilder html) {
    String metrics =
        c.metrics().stream()
            .map(m -> m.tag() + " (" + (m.goal() == Goal.MAX ? "higher" : "lower") + " is better)")
            .collect(Collectors.joining(", "));
    html.append("<header>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n")
        .append("<p class=\"meta\">")
        .append(c.runs().size())
        .append(" runs · metrics: ")
        .append(Html.escape(metrics))
        .append("</p>\n")
        .append("<nav><a href=\"#comparison\">Comparison</a> <a href=\"#scalars\">Scalars</a>")
        .append(" <a href=\"#distributions\">Distributions</a>")
        .append(" <a href=\"#images\">Images</a> <a href=\"#pr-curves\">PR curves</a>")
        .append(" <a href=\"#hparams\">Hyperparameters</a></nav>\n</header>\n");
  }

  private static void comparison(ComparisonView view, StringBuilder html) {
    Comparison c = view.comparison();
    MetricSpec primary = c.primaryMetric();
    html.append("<section id=\"comparison\">\n<h2>Comparison</h2>\n")
        .append("<p class=\"hint\">Final and best value (and its step) of each metric; gap: final")
        .append(" training value minus final validation value. Click a heading to sort.</p>\n")
        .append(HtmlTable.render(view.runs()));
    if (view.showsGroups()) {
      html.append("<h3>Seed groups</h3>\n")
          .append("<p class=\"hint\">Runs that differ only by seed: mean, sample standard")
          .append(" deviation and 95% confidence interval (Student t) of the final values; best")
          .append(" first by ")
          .append(Html.escape(primary.tag()))
          .append(".</p>\n")
          .append(HtmlTable.render(view.groups()));
    }
    if (view.showsDifferences()) {
      html.append("<h3>Differences between groups</h3>\n<p class=\"hint\">")
          .append(Html.escape(TextFormat.DIFFERENCES_EXPLAINED))
          .append("</p>\n")
          .append(HtmlTable.render(view.differences()));
    }
    List<String> statements = c.statements();
    if (!statements.isEmpty()) {
      html.append("<ul class=\"statements\">\n");
      statements.forEach(s -> html.append("<li>").append(Html.escape(s)).append("</li>\n"));
      html.append("</ul>\n");
    }
    html.append("</section>\n");
  }

  /**
   * Every image tag with each run side by side: the first and the last step it logged, inline as
   * PNG data URIs (the page fetches nothing), drawn pixel for pixel.
   */
  private static void images(List<RunLog> runs, StringBuilder html) {
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.images().keySet()));
    html.append("<section id=\"images\">\n<h2>Images</h2>\n");
    if (tags.isEmpty()) {
      html.append("<p class=\"empty\">No run logged an image.</p>\n</section>\n");
      return;
    }
    html.append("<p class=\"hint\">Per image tag, each run side by side: the first and the last")
        .append(" step it logged.</p>\n");
    Base64.Encoder base64 = Base64.getEncoder();
    for (String tag : tags) {
      html.append("<h3>").append(Html.escape(tag)).append("</h3>\n<div class=\"image-grid\">\n");
      for (RunLog run : runs) {
        List<ImagePoint> points = run.images(tag);
        if (points.isEmpty()) {
          continue;
        }
        html.append("<figure class=\"run-images\" data-run=\"")
            .append(Html.escape(run.name()))
            .append("\">\n<figcaption>")
            .append(Html.escape(run.name()))
            .append("</figcaption>\n");
        List<ImagePoint> shown =
            points.size() == 1 ? points : List.of(points.get(0), points.get(points.size() - 1));
        for (ImagePoint p : shown) {
          ImageData image = p.image();
          html.append("<div class=\"step-image\"><img alt=\"")
              .append(Html.escape(run.name() + " " + tag + " at step " + p.step()))
              .append("\" data-step=\"")
              .append(p.step())
              .append("\" width=\"")
              .append(image.width())
              .append("\" height=\"")
              .append(image.height())
              .append("\" src=\"data:image/png;base64,")
              .append(base64.encodeToString(image.png()))
              .append("\"><span>step ")
              .append(p.step())
              .append("</span></div>\n");
        }
        html.append("</figure>\n");
      }
      html.append("</div>\n");
    }
    html.append("</section>\n");
  }

  private static void warnings(List<RunLog> runs, StringBuilder html) {
    List<String> warnings = new ArrayList<>();
    runs.forEach(r -> r.warnings().forEach(w -> warnings.add(r.name() + ": " + w)));
    if (!warnings.isEmpty()) {
      html.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
      warnings.forEach(w -> html.append("<li>").append(Html.escape(w)).append("</li>\n"));
      html.append("</ul>\n</section>\n");
    }
  }

  /** {@code script} as it is, after checking nothing in it could end its script element early. */
  private static String inlineScript(String script) {
    if (script.toLowerCase(Locale.ROOT).contains("</script")) {
      throw new IllegalStateException(
          "a script to inline contains </script and would end its element early");
    }
    return script;
  }

  private static String json(ChartData data) {
    try {
      return MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the chart data could not be written as JSON", e);
    }
  }

  private static String uplotVersion() {
    Properties pom = new Properties();
    try (InputStream in = HtmlReport.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "uPlot's webjar (org.webjars.npm:uplot) is not on the class path: " + UPLOT_POM);
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + UPLOT_POM + " failed", e);
    }
    return pom.getProperty("version");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the class path: " + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading resource " + name + " failed", e);
    }
  }
}
