package dev.dltrack.compare;

import dev.dltrack.compare.report.HtmlReport;
import dev.dltrack.compare.table.ComparisonView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dltrack report}: writes one self-contained HTML file comparing the runs of a log root,
 * with interactive charts, that opens offline in any browser.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write one self-contained HTML file comparing the runs of a log root: the comparison"
            + " table, every scalar tag as a chart with all runs overlaid (train next to"
            + " validation), each histogram tag's first distribution of every run side by side and"
            + " its percentiles over steps per run, and every run's hparams. It opens offline;"
            + " nothing is fetched.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ComparisonOptions options = new ComparisonOptions();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  /** For picocli; the launcher registers the command. */
  public ReportCommand() {}

  @Override
  public Integer call() throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          "cannot write " + output + ": no such directory " + parent + "; create it first");
    }
    ComparisonOptions.Selection selection = options.select();
    PrintWriter out = spec.commandLine().getOut();
    selection.printWarnings(spec.commandLine().getErr());
    HtmlReport.write(
        output,
        "Runs in " + options.logRoot,
        options.view(selection, ComparisonView.Part.ALL),
        selection.runs());
    out.printf(
        Locale.ROOT,
        "wrote %s: %d runs, %d KiB%n",
        output,
        selection.runs().size(),
        (Files.size(output) + 1023) / 1024);
    out.flush();
    return 0;
  }
}
