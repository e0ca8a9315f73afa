package dev.dltrack.compare;

import static java.util.Objects.requireNonNull;

import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.report.HtmlReport;
import dev.dltrack.compare.table.ComparisonTables;
import dev.dltrack.compare.table.ComparisonView;
import dev.dltrack.compare.table.ComparisonView.Part;
import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What to compare: the runs of a log root (all, or those a glob names), by which metrics, in which
 * order, which tables, and which pair of groups besides the best against the rest. {@link
 * #select()} reads and compares them; a {@link Selection} is then written as a table ({@link
 * Selection#write}) or an HTML report ({@link Selection#writeReport}).
 *
 * <pre>{@code
 * ComparisonRequest.builder(Path.of("logs")).metric("val/accuracy").runs("he-*").build()
 *     .select().write(OutputFormat.TEXT, out);
 * }</pre>
 */
public final class ComparisonRequest {
  /** The run table's default sort column: the run's name. */
  public static final String DEFAULT_SORT = ComparisonTables.RUN;

  /** How many run names an error about a runs glob lists. */
  private static final int LISTED_RUNS = 12;

  private final String logRoot;
  private final List<MetricSpec> metrics;
  private final Optional<RunGlob> runs;
  private final Optional<ComparedPair> pair;
  private final String sort;
  private final boolean descending;
  private final Part part;

  private ComparisonRequest(Builder b) {
    this.logRoot = b.logRoot;
    this.metrics = b.metrics.isEmpty() ? MetricSpec.DEFAULTS : List.copyOf(b.metrics);
    this.runs = b.runs;
    this.pair = b.pair;
    this.sort = b.sort;
    this.descending = b.descending;
    this.part = b.part;
  }

  /** A request to compare the runs of {@code logRoot}. */
  public static Builder builder(Path logRoot) {
    return new Builder(requireNonNull(logRoot, "logRoot").toString());
  }

  /**
   * A request to compare the runs of {@code logRoot}: a local directory or a store's URI ({@code
   * s3://bucket/logs}), as {@link LogRoot#read(String)} reads.
   */
  public static Builder builder(String logRoot) {
    return new Builder(logRoot);
  }

  /** The log root, as given: a directory or a store's URI. */
  public String logRoot() {
    return logRoot;
  }

  /**
   * The metrics compared by, the first the primary one; {@link MetricSpec#DEFAULTS} unless given.
   */
  public List<MetricSpec> metrics() {
    return metrics;
  }

  /** Builds a {@link ComparisonRequest}; every setter checks its value at once. */
  public static final class Builder {
    private final String logRoot;
    private final List<MetricSpec> metrics = new ArrayList<>();
    private Optional<RunGlob> runs = Optional.empty();
    private Optional<ComparedPair> pair = Optional.empty();
    private String sort = DEFAULT_SORT;
    private boolean descending;
    private Part part = Part.ALL;

    private Builder(String logRoot) {
      this.logRoot = requireNonNull(logRoot, "logRoot");
    }

    /**
     * Compares by {@code spec}, {@code TAG[:max|:min]} (see {@link MetricSpec#parse}); the first
     * given is the primary metric.
     */
    public Builder metric(String spec) {
      metrics.add(MetricSpec.parse(requireNonNull(spec, "spec")));
      return this;
    }

    /** {@link #metric} for each of {@code specs}. */
    public Builder metrics(List<String> specs) {
      specs.forEach(this::metric);
      return this;
    }

    /** Only runs whose name matches the shell glob {@code glob} ({@code he-*}). */
    public Builder runs(String glob) {
      this.runs = Optional.of(RunGlob.of(requireNonNull(glob, "glob")));
      return this;
    }

    /**
     * Also compares the two groups of {@code pair} with each other; without it, the pair the log
     * root declares ({@link PairDeclaration}), if any.
     */
    public Builder pair(ComparedPair pair) {
      this.pair = Optional.of(requireNonNull(pair, "pair"));
      return this;
    }

    /**
     * Sorts the run table by {@code column}, as the CSV header names it (default {@value
     * ComparisonRequest#DEFAULT_SORT}).
     */
    public Builder sort(String column, boolean descending) {
      this.sort = requireNonNull(column, "column");
      this.descending = descending;
      return this;
    }

    /** Which tables to show (default {@link Part#ALL}). */
    public Builder part(Part part) {
      this.part = requireNonNull(part, "part");
      return this;
    }

    public ComparisonRequest build() {
      return new ComparisonRequest(this);
    }
  }

  /** Reads the log root and selects and compares its runs; throws saying what to fix. */
  public Selection select() throws IOException {
    if (!LogStores.isStore(logRoot)) {
      Path dir = LogStores.localPath(logRoot);
      if (!Files.exists(dir)) {
        throw new IllegalArgumentException(
            "no such log directory: "
                + logRoot
                + "; give the directory the runs were logged to (the tracker's default is logs)");
      }
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            logRoot
                + " is not a directory; give the log root, the directory holding one directory per"
                + " run");
      }
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
        runs.isEmpty()
            ? root.runs()
            : root.runs().stream().filter(r -> runs.get().matches(r.name())).toList();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no run in "
              + logRoot
              + " matches --runs '"
              + runs.get()
              + "'; its runs are: "
              + names(root));
    }
    Optional<ComparedPair> compared = pair.isPresent() ? pair : PairDeclaration.read(root.root());
    Comparison comparison = Comparison.of(selected, metrics, compared);
    return new Selection(
        selected, comparison, ComparisonView.of(comparison, sort, descending, part));
  }

  private static String names(LogRoot root) {
    List<RunLog> all = root.runs();
    String shown =
        all.stream().limit(LISTED_RUNS).map(RunLog::name).collect(Collectors.joining(", "));
    return all.size() > LISTED_RUNS
        ? shown + " and " + (all.size() - LISTED_RUNS) + " more"
        : shown;
  }

  /**
   * The runs a request selected, what compares them, and the tables to show.
   *
   * @param runs the runs, read
   * @param comparison what compares them
   * @param view the tables asked for, the runs in the order asked for
   */
  public record Selection(List<RunLog> runs, Comparison comparison, ComparisonView view) {
    public Selection {
      runs = List.copyOf(runs);
      requireNonNull(comparison, "comparison");
      requireNonNull(view, "view");
    }

    /** What could not be read from the runs' files, one line each, naming the run. */
    public List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      runs.forEach(r -> r.warnings().forEach(w -> warnings.add("run " + r.name() + ": " + w)));
      return warnings;
    }

    /** Writes the tables in {@code format} to {@code out}. */
    public void write(OutputFormat format, PrintWriter out) {
      format.write(view, out);
    }

    /**
     * Writes the self-contained HTML report, titled {@code title}, to {@code file}, replacing it;
     * throws saying what to fix when its directory does not exist.
     */
    public void writeReport(Path file, String title) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException(
            "cannot write " + file + ": no such directory " + parent + "; create it first");
      }
      HtmlReport.write(file, title, view, runs);
    }
  }
}
