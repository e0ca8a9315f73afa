package dev.dltrack.cli;

import dev.dltrack.compare.ComparisonRequest;
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
    versionProvider = Version.class,
    description =
        "Write one self-contained HTML file comparing the runs of a log root: the comparison"
            + " table, every scalar tag as a chart with all runs overlaid (train next to"
            + " validation), each histogram tag's first distribution of every run side by side and"
            + " its percentiles over steps per run, and every run's hparams. It opens offline;"
            + " nothing is fetched.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ComparisonOptions options = new ComparisonOptions();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws IOException {
    ComparisonRequest.Selection selection = options.request().build().select();
    PrintWriter out = spec.commandLine().getOut();
    ComparisonOptions.printWarnings(selection, spec.commandLine().getErr());
    selection.writeReport(output, "Runs in " + options.logRoot);
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
