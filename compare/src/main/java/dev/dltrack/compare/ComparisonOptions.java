package dev.dltrack.compare;

import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.table.ComparisonTables;
import dev.dltrack.compare.table.ComparisonView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options both commands share: which runs to compare, by which metrics, in which order. */
final class ComparisonOptions {
  /** How many run names an error about a --runs pattern lists. */
  private static final int LISTED_RUNS = 12;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "LOGDIR",
      defaultValue = "logs",
      description = "Log root: the directory holding one directory per run (default: ${DEFAULT-VALUE}).")
  Path logRoot;

  @Option(
      names = {"-m", "--metric"},
      paramLabel = "TAG[:max|:min]",
      description =
          "A scalar tag to compare by; repeat for more. The first is the primary metric, by which"
              + " seed groups are ranked and compared in words. Higher is better"
              + " unless the tag names a loss or an error; :max or :min says otherwise. Default:"
              + " val/accuracy, val/loss, test/accuracy.")
  List<String> metrics = new ArrayList<>();

  @Option(
      names = "--runs",
      paramLabel = "GLOB",
      description = "Only runs whose name matches GLOB, e.g. 'he-*' (quote it for the shell).")
  String runs;

  @Option(
      names = "--sort",
      paramLabel = "COLUMN",
      defaultValue = ComparisonTables.RUN,
      description =
          "Sort the runs by COLUMN, as the CSV header names it: run, an hparam, a metric tag (its"
              + " final value), TAG:best, TAG:best_step, TAG:gap, status or wall_time (default:"
              + " ${DEFAULT-VALUE}). Missing values come last.")
  String sort;

  @Option(names = "--desc", description = "Sort in descending order.")
  boolean descending;

  @Option(
      names = "--pair",
      paramLabel = "A,B",
      description =
          "Also compare seed groups A and B with each other and say in words whether these runs"
              + " tell them apart (a group is named as in the group table, or by the value of the"
              + " one hparam that tells groups apart). Default: the pair the log root declares in"
              + " .dltrack/compare.json (a study's sweep declares its own), else none.")
  String pair;

  /** The log root's runs that were asked for, read, and what compares them. */
  record Selection(List<RunLog> runs, Comparison comparison) {
    /** Prints what could not be read from the runs' files, one line each. */
    void printWarnings(PrintWriter err) {
      runs.forEach(r -> r.warnings().forEach(w -> err.printf("warning: run %s: %s%n", r.name(), w)));
      err.flush();
    }
  }

  /** {@code selection}'s tables, the runs in the order asked for. */
  ComparisonView view(Selection selection, ComparisonView.Part part) {
    return ComparisonView.of(selection.comparison(), sort, descending, part);
  }

  /** Reads the log root and selects and compares its runs; throws saying what to fix. */
  Selection select() throws IOException {
    List<MetricSpec> specs =
        metrics.isEmpty() ? MetricSpec.DEFAULTS : metrics.stream().map(MetricSpec::parse).toList();
    Optional<ComparedPair> asked = pair == null ? Optional.empty() : Optional.of(ComparedPair.parse(pair));
    RunGlob glob = runs == null ? null : RunGlob.of(runs);
    if (!Files.exists(logRoot)) {
      throw new IllegalArgumentException(
          "no such log directory: "
              + logRoot
              + "; give the directory the runs were logged to (the tracker's default is logs)");
    }
    if (!Files.isDirectory(logRoot)) {
      throw new IllegalArgumentException(
          logRoot + " is not a directory; give the log root, the directory holding one directory per run");
    }
    LogRoot root = LogRoot.read(logRoot);
    if (root.runs().isEmpty()) {
      throw new IllegalArgumentException(
          "no runs in "
              + logRoot
              + ": no directory under it holds TensorBoard event files (events.out.tfevents.*)"
              + " or W&B run files (wandb/wandb-history.jsonl); give the log root the runs were"
              + " logged to");
    }
    List<RunLog> selected =
        glob == null ? root.runs() : root.runs().stream().filter(r -> glob.matches(r.name())).toList();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no run in " + logRoot + " matches --runs '" + glob + "'; its runs are: " + names(root));
    }
    Optional<ComparedPair> compared = asked.isPresent() ? asked : PairDeclaration.read(logRoot);
    return new Selection(selected, Comparison.of(selected, specs, compared));
  }

  private static String names(LogRoot root) {
    List<RunLog> all = root.runs();
    String shown =
        all.stream().limit(LISTED_RUNS).map(RunLog::name).collect(Collectors.joining(", "));
    return all.size() > LISTED_RUNS ? shown + " and " + (all.size() - LISTED_RUNS) + " more" : shown;
  }
}
