package dev.dltrack.compare;

import dev.dltrack.compare.table.OutputFormat;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dltrack compare}: prints a table of the runs of a log root side by side, and the runs
 * that differ only by seed grouped with the mean, standard deviation and 95% confidence interval
 * of each metric.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    // picocli wraps each paragraph and reads % as a format character
    description = {
      "Compare the runs of a log root side by side: one row per run with the hparams that differ"
          + " between runs, the final and best value (and its step) of each metric, the"
          + " train/validation gap (final train value - final validation value), status and wall"
          + " time.",
      "Runs that differ only by seed are grouped: mean, sd and 95%% confidence interval (Student"
          + " t) of each metric over the seeds, and whether the best group's interval of the"
          + " primary metric overlaps each other group's."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ComparisonOptions options = new ComparisonOptions();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (80 columns), markdown, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--groups",
      description = "Show only the seed groups (with csv: the group table instead of the run table).")
  boolean groupsOnly;

  /** For picocli; the launcher registers the command. */
  public CompareCommand() {}

  @Override
  public Integer call() throws IOException {
    OutputFormat output = OutputFormat.parse(format);
    ComparisonOptions.Selection selection = options.select();
    selection.printWarnings(spec.commandLine().getErr());
    output.write(options.view(selection, groupsOnly), spec.commandLine().getOut());
    return 0;
  }
}
