package dev.dltrack.cli;

import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.compare.model.ComparedPair;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options {@code compare} and {@code report} share: which runs to compare, by which metrics, in
 * which order, with which pair; turned into a {@link ComparisonRequest}.
 */
final class ComparisonOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "LOGDIR",
      defaultValue = "logs",
      description =
          "Log root: the directory holding one directory per run, or a store's URI"
              + " (s3://bucket/logs, hdfs://namenode/logs) (default: ${DEFAULT-VALUE}).")
  String logRoot;

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
      defaultValue = ComparisonRequest.DEFAULT_SORT,
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
              + " one hparam that tells groups apart). Default: the pair the log root declares (the"
              + " study's sweep declares uniform-rule,normal-rule), else none.")
  String pair;

  /** The request these options make. */
  ComparisonRequest.Builder request() {
    ComparisonRequest.Builder request =
        ComparisonRequest.builder(logRoot).metrics(metrics).sort(sort, descending);
    if (runs != null) {
      request.runs(runs);
    }
    if (pair != null) {
      request.pair(ComparedPair.parse(pair));
    }
    return request;
  }

  /** Prints what could not be read from the runs' files, one line each. */
  static void printWarnings(ComparisonRequest.Selection selection, PrintWriter err) {
    selection.warnings().forEach(w -> err.printf("warning: %s%n", w));
    err.flush();
  }
}
