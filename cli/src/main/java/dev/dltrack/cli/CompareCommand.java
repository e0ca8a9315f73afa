package dev.dltrack.cli;

import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.compare.table.ComparisonView.Part;
import dev.dltrack.compare.table.OutputFormat;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dltrack compare}: prints a table of the runs of a log root side by side, the runs that
 * differ only by seed grouped with the mean, standard deviation and 95% confidence interval of
 * each metric, and the differences between groups tested.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    // picocli wraps each paragraph and reads % as a format character
    description = {
      "Compare the runs of a log root side by side: one row per run with the hparams that differ"
          + " between runs, the final and best value (and its step) of each metric, the"
          + " train/validation gap (final train value - final validation value), status and wall"
          + " time.",
      "Runs that differ only by seed are grouped: mean, sd and 95%% confidence interval (Student"
          + " t) of each metric over the seeds. Each group is compared with the best one (and the two"
          + " groups of --pair with each other): the difference of the means with its 95%% confidence interval, paired by seed when"
          + " both groups ran the same seeds (else Welch's t test), its p-value and the p-value"
          + " after Holm's correction for the number of comparisons."
    })
final class CompareCommand implements Callable<Integer> {
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
      description =
          "Show only the seed groups and their differences (with csv: the group table instead of"
              + " the run table).")
  boolean groupsOnly;

  @Option(
      names = "--differences",
      description =
          "Show only the differences between seed groups (with csv: the difference table instead"
              + " of the run table).")
  boolean differencesOnly;

  @Override
  public Integer call() throws IOException {
    OutputFormat output = OutputFormat.parse(format);
    if (groupsOnly && differencesOnly) {
      throw new IllegalArgumentException("--groups and --differences exclude each other; give one");
    }
    Part part = groupsOnly ? Part.GROUPS : differencesOnly ? Part.DIFFERENCES : Part.ALL;
    ComparisonRequest.Selection selection = options.request().part(part).build().select();
    ComparisonOptions.printWarnings(selection, spec.commandLine().getErr());
    selection.write(output, spec.commandLine().getOut());
    return 0;
  }
}
