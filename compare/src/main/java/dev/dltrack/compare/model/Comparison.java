package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;

import dev.dltrack.compare.model.IntervalComparison.Outcome;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs compared side by side: each run's hyperparameters, final and best value of each metric,
 * status and wall time; runs that differ only by seed grouped, with the mean, standard deviation
 * and 95% confidence interval of each metric; and whether the best group's interval of the primary
 * (first) metric overlaps each other group's.
 *
 * <p>Hyperparameters are those TensorBoard's HParams dashboard shows for the runs (see {@link
 * HParamsView}): declared by an experiment or inferred from the runs' sessions.
 */
public final class Comparison {
  /** How many scalar tags a note about a missing metric lists. */
  private static final int NOTE_TAGS = 10;

  private final List<MetricSpec> metrics;
  private final List<String> hparamNames;
  private final List<String> differingHParams;
  private final List<RunSummary> runs;
  private final List<SeedGroup> groups;
  private final SortedSet<String> scalarTags;

  private Comparison(
      List<MetricSpec> metrics,
      List<String> hparamNames,
      List<String> differingHParams,
      List<RunSummary> runs,
      List<SeedGroup> groups,
      SortedSet<String> scalarTags) {
    this.metrics = metrics;
    this.hparamNames = hparamNames;
    this.differingHParams = differingHParams;
    this.runs = runs;
    this.groups = groups;
    this.scalarTags = scalarTags;
  }

  /** Compares {@code runs} by {@code metrics}; the first metric is the primary one. */
  public static Comparison of(List<RunLog> runs, List<MetricSpec> metrics) {
    checkArgument(!metrics.isEmpty(), "a comparison needs at least one metric");
    List<String> hparamNames = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    HParamsView.of(runs)
        .ifPresent(
            view -> {
              for (Experiment.HParam h : view.experiment().hparams()) {
                hparamNames.add(h.name());
                if (view.differs(h.name())) {
                  differing.add(h.name());
                }
              }
            });
    List<RunSummary> summaries = runs.stream().map(r -> RunSummary.of(r, metrics)).toList();
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.scalars().keySet()));
    return new Comparison(
        List.copyOf(metrics),
        List.copyOf(hparamNames),
        List.copyOf(differing),
        summaries,
        SeedGrouping.of(summaries, metrics, Set.copyOf(differing)),
        tags);
  }

  /** The metrics compared; the first is the primary one. */
  public List<MetricSpec> metrics() {
    return metrics;
  }

  /** The first metric: groups are ranked, and their intervals compared, by it. */
  public MetricSpec primaryMetric() {
    return metrics.get(0);
  }

  /** Every hyperparameter of the runs, in the experiment's order. */
  public List<String> hparamNames() {
    return hparamNames;
  }

  /** The hyperparameters whose values differ between the runs, in the experiment's order. */
  public List<String> differingHParams() {
    return differingHParams;
  }

  /** The runs, in the order given. */
  public List<RunSummary> runs() {
    return runs;
  }

  /** Runs that differ only by seed, best first by the primary metric. */
  public List<SeedGroup> groups() {
    return groups;
  }

  /** Whether some group has two or more runs, so that it has an interval to show. */
  public boolean hasReplicates() {
    return groups.stream().anyMatch(g -> g.runs().size() > 1);
  }

  /** The compared metrics that no run logged (a mistyped tag, say). */
  public List<String> missingMetrics() {
    return metrics.stream().map(MetricSpec::tag).filter(t -> !scalarTags.contains(t)).toList();
  }

  /**
   * What a reader of the tables should know, one sentence each: why no interval comparison is
   * possible (see {@link #intervalComparisons()}), and which compared metrics no run logged.
   */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    intervalNote().ifPresent(notes::add);
    for (String tag : missingMetrics()) {
      notes.add("no run logged " + tag + "; scalar tags logged: " + someTags());
    }
    return notes;
  }

  private String someTags() {
    if (scalarTags.isEmpty()) {
      return "none";
    }
    List<String> shown = scalarTags.stream().limit(NOTE_TAGS).toList();
    int more = scalarTags.size() - shown.size();
    return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
  }

  /**
   * Everything the tables cannot show, as sentences for people: each interval comparison (see
   * {@link #intervalComparisons()}), then the notes (see {@link #notes()}).
   */
  public List<String> statements() {
    List<String> statements = new ArrayList<>();
    intervalComparisons().forEach(c -> statements.add(c.sentence()));
    statements.addAll(notes());
    return statements;
  }

  /**
   * The best group with a confidence interval of the primary metric against each other group;
   * empty when fewer than two groups exist or none has an interval (see {@link #notes()}).
   */
  public List<IntervalComparison> intervalComparisons() {
    Optional<SeedGroup> leader = leader();
    if (leader.isEmpty() || groups.size() < 2) {
      return List.of();
    }
    String tag = primaryMetric().tag();
    ConfidenceInterval lead = leader.get().statistics(0).ci95().orElseThrow();
    List<IntervalComparison> result = new ArrayList<>();
    for (SeedGroup g : groups) {
      if (g == leader.get()) {
        continue;
      }
      SampleStatistics s = g.statistics(0);
      Optional<ConfidenceInterval> ci = s.ci95();
      Outcome outcome =
          ci.isEmpty()
              ? Outcome.NO_INTERVAL
              : ci.get().overlaps(lead) ? Outcome.OVERLAP : Outcome.DISJOINT;
      String reason = ci.isPresent() ? "" : missingIntervalReason(s);
      result.add(new IntervalComparison(tag, leader.get().name(), g.name(), outcome, reason));
    }
    return result;
  }

  /**
   * Why no interval comparison can be made, when groups exist but none has an interval of the
   * primary metric: one seed per group, or values that are not finite.
   */
  private Optional<String> intervalNote() {
    if (groups.size() < 2 || leader().isPresent()) {
      return Optional.empty();
    }
    String tag = primaryMetric().tag();
    boolean oneSeedEach = groups.stream().allMatch(g -> g.statistics(0).n() <= 1);
    return Optional.of(
        oneSeedEach
            ? "one seed per group: no 95% confidence interval of "
                + tag
                + " can be computed — run each configuration with 2 or more seeds to tell"
                + " whether their differences are significant"
            : "no group has a 95% confidence interval of "
                + tag
                + ": every group has one seed or a value that is not finite");
  }

  private Optional<SeedGroup> leader() {
    // groups are sorted best first, so the first with an interval is the best one that has one
    return groups.stream().filter(g -> g.statistics(0).ci95().isPresent()).findFirst();
  }

  private static String missingIntervalReason(SampleStatistics s) {
    return switch (s.n()) {
      case 0 -> "no value";
      case 1 -> "1 seed";
      default -> "a value that is not finite";
    };
  }
}
