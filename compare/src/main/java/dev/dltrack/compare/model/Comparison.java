package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.compare.model.DifferenceTest.Design;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs compared side by side: each run's hyperparameters, final and best value of each metric,
 * status and wall time; runs that differ only by seed grouped, with the mean, standard deviation
 * and 95% confidence interval of each metric; and how each group differs from the best one by the
 * primary (first) metric, and the two groups of a {@link ComparedPair}, when one is given, with
 * each other: the interval of the difference, paired by seed when both groups ran the same seeds (Welch's
 * otherwise), and its p-value after Holm's correction for the number of comparisons.
 *
 * <p>Whether two groups' own 95% intervals overlap is not reported: they can overlap while the
 * difference is significant, which is why the difference itself is tested.
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
  private final Optional<ComparedPair> pair;
  private final List<GroupDifference> differences;
  private final SortedSet<String> scalarTags;

  private Comparison(
      List<MetricSpec> metrics,
      List<String> hparamNames,
      List<String> differingHParams,
      List<RunSummary> runs,
      List<SeedGroup> groups,
      Optional<ComparedPair> pair,
      SortedSet<String> scalarTags) {
    this.metrics = metrics;
    this.hparamNames = hparamNames;
    this.differingHParams = differingHParams;
    this.runs = runs;
    this.groups = groups;
    this.pair = pair;
    this.differences = GroupDifferences.of(groups, metrics, pair);
    this.scalarTags = scalarTags;
  }

  /** Compares {@code runs} by {@code metrics}; the first metric is the primary one. */
  public static Comparison of(List<RunLog> runs, List<MetricSpec> metrics) {
    return of(runs, metrics, Optional.empty());
  }

  /**
   * Compares {@code runs} by {@code metrics}, the first the primary one, and the groups of {@code
   * pair}, when given and both present, with each other.
   */
  public static Comparison of(List<RunLog> runs, List<MetricSpec> metrics, Optional<ComparedPair> pair) {
    requireNonNull(pair, "pair");
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
        pair,
        tags);
  }

  /** The pair of groups also compared with each other, if one was given. */
  public Optional<ComparedPair> pair() {
    return pair;
  }

  /** The metrics compared; the first is the primary one. */
  public List<MetricSpec> metrics() {
    return metrics;
  }

  /** The first metric: groups are ranked by it, and the sentences speak of it. */
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
   * What a reader of the tables should know, one sentence each: why no group can be compared
   * with another (one seed each, say), and which compared metrics no run logged.
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
   * Everything the tables cannot show, as sentences for people: the best group against the rest
   * (see {@link #bestVersusRest()}), the pair (see {@link #pairStatement()}), then the notes (see
   * {@link #notes()}).
   */
  public List<String> statements() {
    List<String> statements = new ArrayList<>();
    bestVersusRest().ifPresent(statements::add);
    pairStatement().ifPresent(statements::add);
    statements.addAll(notes());
    return statements;
  }

  /**
   * Each group against the best group that has a confidence interval of the primary metric, in
   * the groups' order; then the two groups of the {@link #pair()} when both are groups and neither
   * is the best, the better of the two as the reference. Empty when fewer than two
   * groups exist or none has an interval (see {@link #notes()}).
   */
  public List<GroupDifference> differences() {
    return differences;
  }

  /** The comparisons of {@link #differences()} that tested metric {@code i}. */
  public long testsOf(int i) {
    return differences.stream().filter(d -> d.metric(i).test().isPresent()).count();
  }

  /**
   * The best group against the rest by the primary metric, in one sentence: which groups it is
   * significantly better than after Holm's correction, which ones these seeds cannot tell it
   * from, and which could not be tested. Empty without differences.
   */
  public Optional<String> bestVersusRest() {
    Optional<SeedGroup> leader = leader(groups);
    if (leader.isEmpty() || differences.isEmpty()) {
      return Optional.empty();
    }
    String tag = primaryMetric().tag();
    SampleStatistics s = leader.get().statistics(0);
    List<String> better = new ArrayList<>();
    List<String> unclear = new ArrayList<>();
    List<String> untested = new ArrayList<>();
    for (GroupDifference d : differences) {
      if (!d.reference().equals(leader.get().name())) {
        continue;
      }
      MetricDifference m = d.metric(0);
      if (m.test().isEmpty()) {
        untested.add(d.group() + " (" + m.reason() + ")");
      } else if (m.significant()) {
        better.add(d.group());
      } else {
        unclear.add(d.group() + " (adjusted p = " + p(m.adjustedP().getAsDouble()) + ")");
      }
    }
    StringBuilder sentence =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Best %s: %s (mean %s over %d seeds).",
                tag,
                leader.get().name(),
                value(s.mean()),
                s.n()));
    if (!better.isEmpty()) {
      sentence.append(
          String.format(
              Locale.ROOT,
              " It is better than %s (Holm-adjusted p < %s over %d comparisons).",
              list(better, "and"),
              MetricDifference.ALPHA,
              testsOf(0)));
    }
    if (!unclear.isEmpty()) {
      sentence.append(" These seeds cannot tell it from ").append(list(unclear, "or")).append('.');
    }
    if (!untested.isEmpty()) {
      sentence
          .append(" It cannot be tested against ")
          .append(list(untested, "or"))
          .append(": run 2 or more seeds of each.");
    }
    return Optional.of(sentence.toString());
  }

  /**
   * How the two groups of the {@link #pair()} differ by the primary metric, in one sentence: can
   * these runs tell them apart? Empty without a pair, unless both are groups, or without
   * differences.
   */
  public Optional<String> pairStatement() {
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    String a = pair.get().first();
    String b = pair.get().second();
    Optional<SeedGroup> ga = group(a);
    Optional<SeedGroup> gb = group(b);
    if (ga.isEmpty() || gb.isEmpty()) {
      return Optional.empty();
    }
    Optional<GroupDifference> found =
        differences.stream().filter(d -> d.concerns(ga.get().name(), gb.get().name())).findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    GroupDifference d = found.get();
    String tag = primaryMetric().tag();
    String opening = a + " against " + b + (pair.get().reason().isEmpty() ? "" : " (" + pair.get().reason() + ")");
    MetricDifference m = d.metric(0);
    if (m.test().isEmpty()) {
      return Optional.of(
          opening
              + ": these runs cannot tell them apart by "
              + tag
              + ": "
              + m.reason()
              + " — run 2 or more seeds of each.");
    }
    DifferenceTest t = m.test().get();
    // the sentence speaks of the better group (the reference) minus the other
    double diff = -t.difference();
    String seeds =
        t.design() == Design.PAIRED
            ? t.n1() + " seeds paired by seed"
            : t.n1() + " and " + t.n2() + " seeds (Welch's t test)";
    String verdict =
        m.significant()
            ? "with these seeds the difference is significant at the 5% level"
            : "these seeds cannot tell them apart (not significant at the 5% level)";
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s: over %s, %s's %s is %s by %s (95%% CI of the difference %s to %s; p = %s,"
                + " Holm-adjusted %s); %s.",
            opening,
            seeds,
            d.reference(),
            tag,
            diff >= 0 ? "higher" : "lower",
            value(Math.abs(diff)),
            value(-t.ci95().high()),
            value(-t.ci95().low()),
            p(t.p()),
            p(m.adjustedP().getAsDouble()),
            verdict));
  }

  /** The group {@code name} stands for (see {@link ComparedPair}). */
  private Optional<SeedGroup> group(String name) {
    return groups.stream().filter(g -> ComparedPair.names(g, name)).findFirst();
  }

  /**
   * Why no group can be compared with another, when groups exist but none has an interval of the
   * primary metric: one seed per group, or values that are not finite.
   */
  private Optional<String> intervalNote() {
    if (groups.size() < 2 || leader(groups).isPresent()) {
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

  /** The best group that has a confidence interval of the primary metric. */
  static Optional<SeedGroup> leader(List<SeedGroup> groups) {
    // groups are sorted best first, so the first with an interval is the best one that has one
    return groups.stream().filter(g -> g.statistics(0).ci95().isPresent()).findFirst();
  }

  /** A metric value in a sentence: three significant digits. */
  private static String value(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A p-value in a sentence: two significant digits. */
  private static String p(double v) {
    return String.format(Locale.ROOT, "%.2g", v);
  }

  /** {@code a, b and c}. */
  private static String list(List<String> items, String conjunction) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
        + " "
        + conjunction
        + " "
        + items.get(items.size() - 1);
  }
}
