package dev.dltrack.cli;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints what a log root holds, read back through the tracker's reader. */
@Command(
    name = "show",
    aliases = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Print the runs of a log root: each run's status and hparams, and every tag with its kind",
      "(scalar, histogram, text, image, PR curve, embedding), number of points, step range and",
      "last value, and the Custom Scalars layout, from event files or W&B files. Records",
      "that cannot be read are skipped and listed as warnings; the exit code is then 1."
    })
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      defaultValue = "logs",
      description =
          "Log root: a directory, or a store's URI (s3://bucket/logs, hdfs://namenode/logs)"
              + " (default: ${DEFAULT-VALUE}).")
  String logRoot;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LogRoot root = LogRoot.read(logRoot);
    if (root.runs().isEmpty()) {
      out.printf("no runs in %s%n", logRoot);
      return 0;
    }
    for (RunLog run : root.runs()) {
      printRun(out, run);
    }
    out.printf(Locale.ROOT, "%d run(s) in %s%n", root.runs().size(), logRoot);
    return root.warnings().isEmpty() ? 0 : 1;
  }

  private static void printRun(PrintWriter out, RunLog run) {
    out.printf("run %s%n", run.name());
    run.session().ifPresent(s -> out.printf("  status %s, hparams %s%n", s.status(), hparams(s)));
    for (Map.Entry<String, List<ScalarPoint>> e : run.scalars().entrySet()) {
      List<ScalarPoint> ps = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-40s scalar    n=%-6d steps %d..%d  last=%s%n",
          e.getKey(),
          ps.size(),
          ps.get(0).step(),
          ps.get(ps.size() - 1).step(),
          ps.get(ps.size() - 1).value());
    }
    for (Map.Entry<String, List<HistogramPoint>> e : run.histograms().entrySet()) {
      List<HistogramPoint> ps = e.getValue();
      HistogramPoint last = ps.get(ps.size() - 1);
      out.printf(
          Locale.ROOT,
          "  %-40s histogram n=%-6d steps %d..%d  last: count %.0f, mean %.4g, std %.4g%n",
          e.getKey(),
          ps.size(),
          ps.get(0).step(),
          last.step(),
          last.histogram().count(),
          last.histogram().mean(),
          last.histogram().standardDeviation());
    }
    run.texts()
        .forEach((tag, ps) -> out.printf(Locale.ROOT, "  %-40s text      n=%d%n", tag, ps.size()));
    for (Map.Entry<String, List<ImagePoint>> e : run.images().entrySet()) {
      List<ImagePoint> ps = e.getValue();
      ImagePoint last = ps.get(ps.size() - 1);
      out.printf(
          Locale.ROOT,
          "  %-40s image     n=%-6d steps %d..%d  last: %d x %s%n",
          e.getKey(),
          ps.size(),
          ps.get(0).step(),
          last.step(),
          last.images().size(),
          last.image().describe());
    }
    for (Map.Entry<String, List<PrCurvePoint>> e : run.prCurves().entrySet()) {
      List<PrCurvePoint> ps = e.getValue();
      PrCurvePoint last = ps.get(ps.size() - 1);
      PrCurve c = last.curve();
      int half = (c.thresholds() - 1) / 2;
      out.printf(
          Locale.ROOT,
          "  %-40s pr_curve  n=%-6d steps %d..%d  last: %d thresholds, %.0f positives, %.0f negatives,"
              + " precision %.4f / recall %.4f at %.2f%n",
          e.getKey(),
          ps.size(),
          ps.get(0).step(),
          last.step(),
          c.thresholds(),
          c.truePositives()[0],
          c.falsePositives()[0],
          c.precision()[half],
          c.recall()[half],
          c.threshold(half));
    }
    for (Map.Entry<String, List<EmbeddingPoint>> e : run.embeddings().entrySet()) {
      List<EmbeddingPoint> ps = e.getValue();
      EmbeddingPoint last = ps.get(ps.size() - 1);
      Embedding em = last.embedding();
      out.printf(
          Locale.ROOT,
          "  %-40s embedding n=%-6d steps %d..%d  last: %d x %d%s%s%n",
          e.getKey(),
          ps.size(),
          ps.get(0).step(),
          last.step(),
          em.size(),
          em.dimension(),
          !em.hasMetadata() ? "" : em.header().isEmpty() ? ", labels" : ", metadata " + em.header(),
          em.sprites().isEmpty() ? "" : ", sprites " + em.sprites().get(0).describe());
    }
    run.layout()
        .ifPresent(
            l -> {
              int charts = l.categories().stream().mapToInt(c -> c.charts().size()).sum();
              out.printf(
                  Locale.ROOT,
                  "  %-40s layout    %d categories, %d charts (%s)%n",
                  "(custom scalars)",
                  l.categories().size(),
                  charts,
                  l.categories().stream()
                      .map(Layout.Category::title)
                      .collect(Collectors.joining(", ")));
            });
    run.warnings().forEach(w -> out.printf("  warning: %s%n", w));
  }

  private static String hparams(Session s) {
    StringBuilder b = new StringBuilder("{");
    s.hparams()
        .forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v));
    return b.append('}').toString();
  }
}
