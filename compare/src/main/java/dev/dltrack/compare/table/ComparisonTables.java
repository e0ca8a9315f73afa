package dev.dltrack.compare.table;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.ConfidenceInterval;
import dev.dltrack.compare.model.DifferenceTest;
import dev.dltrack.compare.model.GroupDifference;
import dev.dltrack.compare.model.MetricSummary;
import dev.dltrack.compare.model.RunSummary;
import dev.dltrack.compare.model.SampleStatistics;
import dev.dltrack.compare.model.SeedGroup;
import dev.dltrack.tracker.read.ScalarPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * The tables a {@link Comparison} is shown as: runs, seed groups, the differences between groups,
 * and every run's hparams.
 */
public final class ComparisonTables {
  /** The key column of the run tables. */
  public static final String RUN = "run";

  private ComparisonTables() {}

  /**
   * One row per run: the run, each hyperparameter that differs between runs, then per metric its
   * final value ({@code <tag>}), best value ({@code <tag>:best}) and the step of the best ({@code
   * <tag>:best_step}), and the train/validation gap ({@code <tag>:gap}) where a run has one; then
   * {@code status} and {@code wall_time} in seconds.
   */
  public static Table<RunSummary> runs(Comparison c) {
    List<Column<RunSummary>> columns = new ArrayList<>();
    columns.add(Column.of(RUN, CellType.TEXT, RunSummary::name));
    Set<String> fixedIds = new HashSet<>(Set.of(RUN, "status", "wall_time"));
    c.metrics().forEach(m -> fixedIds.add(m.tag()));
    for (String h : c.differingHParams()) {
      // an hparam named like another column keeps a prefix, so every id stays unique
      String id = fixedIds.contains(h) ? "hparam:" + h : h;
      columns.add(new Column<>(id, "", h, CellType.TEXT, r -> r.hparams().get(h)));
    }
    for (int i = 0; i < c.metrics().size(); i++) {
      int m = i;
      String tag = c.metrics().get(i).tag();
      Function<RunSummary, MetricSummary> metric = r -> r.metric(m);
      columns.add(
          new Column<>(
              tag, tag, "final", CellType.NUMBER, r -> boxed(metric.apply(r).finalValue())));
      columns.add(
          new Column<>(
              tag + ":best",
              tag,
              "best",
              CellType.NUMBER,
              r -> boxed(metric.apply(r).bestValue())));
      columns.add(
          new Column<>(
              tag + ":best_step",
              tag,
              "step",
              CellType.INTEGER,
              r -> metric.apply(r).best().map(ScalarPoint::step).orElse(null)));
      if (c.runs().stream().anyMatch(r -> r.metric(m).gap().isPresent())) {
        columns.add(
            new Column<>(
                tag + ":gap", tag, "gap", CellType.NUMBER, r -> boxed(metric.apply(r).gap())));
      }
    }
    columns.add(
        Column.of(
            "status",
            CellType.TEXT,
            r -> r.status().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null)));
    columns.add(new Column<>("wall_time", "", "wall", CellType.SECONDS, r -> boxed(r.wallTime())));
    return Table.of(columns, c.runs());
  }

  /**
   * One row per seed group, best first by the primary metric: the group, its number of runs, then
   * per metric the number of runs with a value ({@code <tag>:n}), the mean, the sample standard
   * deviation, and the 95% confidence interval of the mean ({@code <tag>:ci_low}, {@code
   * <tag>:ci_high}).
   */
  public static Table<SeedGroup> groups(Comparison c) {
    List<Column<SeedGroup>> columns = new ArrayList<>();
    columns.add(Column.of("group", CellType.TEXT, SeedGroup::name));
    columns.add(Column.of("runs", CellType.INTEGER, g -> g.runs().size()));
    for (int i = 0; i < c.metrics().size(); i++) {
      int m = i;
      String tag = c.metrics().get(i).tag();
      Function<SeedGroup, SampleStatistics> stats = g -> g.statistics(m);
      columns.add(new Column<>(tag + ":n", tag, "n", CellType.INTEGER, g -> stats.apply(g).n()));
      columns.add(
          new Column<>(
              tag + ":mean",
              tag,
              "mean",
              CellType.NUMBER,
              g -> stats.apply(g).n() > 0 ? (Double) stats.apply(g).mean() : null));
      columns.add(
          new Column<>(
              tag + ":sd",
              tag,
              "sd",
              CellType.NUMBER,
              g -> stats.apply(g).n() > 1 ? (Double) stats.apply(g).standardDeviation() : null));
      columns.add(
          new Column<>(
              tag + ":ci_low",
              tag,
              "95% CI",
              CellType.NUMBER,
              g -> stats.apply(g).ci95().map(ConfidenceInterval::low).orElse(null)));
      columns.add(
          new Column<>(
              tag + ":ci_high",
              tag,
              "to",
              CellType.NUMBER,
              g -> stats.apply(g).ci95().map(ConfidenceInterval::high).orElse(null)));
    }
    return Table.of(columns, c.groups());
  }

  /**
   * One row per comparison of two seed groups (see {@link Comparison#differences()}): the group
   * ({@code group}), the group it is compared against ({@code vs}), {@code paired} or {@code Welch}
   * ({@code test}), then per metric the group's mean minus the other's ({@code <tag>:difference}),
   * its 95% confidence interval ({@code <tag>:diff_ci_low}, {@code <tag>:diff_ci_high}), the
   * two-sided p-value ({@code <tag>:p}) and the p-value after Holm's correction over that metric's
   * comparisons ({@code <tag>:p_holm}).
   */
  public static Table<GroupDifference> differences(Comparison c) {
    List<Column<GroupDifference>> columns = new ArrayList<>();
    columns.add(Column.of("group", CellType.TEXT, GroupDifference::group));
    columns.add(Column.of("vs", CellType.TEXT, GroupDifference::reference));
    columns.add(Column.of("test", CellType.TEXT, d -> d.design().toString()));
    for (int i = 0; i < c.metrics().size(); i++) {
      int m = i;
      String tag = c.metrics().get(i).tag();
      Function<GroupDifference, Optional<DifferenceTest>> test = d -> d.metric(m).test();
      columns.add(
          new Column<>(
              tag + ":difference",
              tag,
              "diff",
              CellType.NUMBER,
              d -> test.apply(d).map(DifferenceTest::difference).orElse(null)));
      columns.add(
          new Column<>(
              tag + ":diff_ci_low",
              tag,
              "95% CI",
              CellType.NUMBER,
              d -> test.apply(d).map(t -> t.ci95().low()).orElse(null)));
      columns.add(
          new Column<>(
              tag + ":diff_ci_high",
              tag,
              "to",
              CellType.NUMBER,
              d -> test.apply(d).map(t -> t.ci95().high()).orElse(null)));
      columns.add(
          new Column<>(
              tag + ":p",
              tag,
              "p",
              CellType.NUMBER,
              d -> test.apply(d).map(DifferenceTest::p).orElse(null)));
      columns.add(
          new Column<>(
              tag + ":p_holm",
              tag,
              "Holm p",
              CellType.NUMBER,
              d -> boxed(d.metric(m).adjustedP())));
    }
    return Table.of(columns, c.differences());
  }

  /** One row per run: the run, its session group, and every hyperparameter. */
  public static Table<RunSummary> hparams(Comparison c) {
    List<Column<RunSummary>> columns = new ArrayList<>();
    columns.add(Column.of(RUN, CellType.TEXT, RunSummary::name));
    columns.add(Column.of("group", CellType.TEXT, r -> r.group().isEmpty() ? null : r.group()));
    for (String h : c.hparamNames()) {
      String id = h.equals(RUN) || h.equals("group") ? "hparam:" + h : h;
      columns.add(new Column<>(id, "", h, CellType.TEXT, r -> r.hparams().get(h)));
    }
    return Table.of(columns, c.runs());
  }

  private static Double boxed(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }
}
