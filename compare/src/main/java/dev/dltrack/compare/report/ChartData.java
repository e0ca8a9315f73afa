package dev.dltrack.compare.report;

import dev.dltrack.compare.model.Goal;
import dev.dltrack.compare.model.SampleStatistics;
import dev.dltrack.compare.model.SeedGroup;
import dev.dltrack.compare.model.Tags;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.Distribution;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the report's charts draw, as the page's script reads it (serialized to JSON): every scalar
 * tag with a line per run, and every histogram tag with each run's first distribution and its
 * percentiles over steps. Runs are referred to by their index in {@link #runs()}, which also picks
 * their colour. Values are floats, as TensorBoard stores them; a value that is not finite is null,
 * a gap in its line.
 *
 * <p>When runs differ only by seed, each scalar chart draws a band per seed group instead of a line
 * per run: the mean over the group's seeds at each step, and the 95% confidence interval of that
 * mean (Student t), so that five seeds read as one scheme, not five tangled lines.
 *
 * @param groups the seed groups' names, referred to by index; empty when charts draw runs
 * @param scalars sections of scalar charts: first each validation tag beside its training
 *     counterpart (train on the left), then the other tags by their first path segment
 * @param prCurves every PR curve tag with each run's curve at its last step, runs overlaid
 */
record ChartData(
    List<String> runs,
    List<String> groups,
    List<Section> scalars,
    List<HistogramTag> histograms,
    List<PrTag> prCurves) {
  /** The title of the section that pairs training and validation charts. */
  static final String PAIRS_TITLE = "training vs. validation";

  /** The title of the section of tags without a path segment. */
  static final String OTHER_TITLE = "other";

  /** Charts under one heading. */
  record Section(String title, List<ScalarChart> charts) {}

  /**
   * One scalar tag, every run a line.
   *
   * @param logScale whether the chart offers a log scale: a loss-like tag whose values (and
   *     interval ends) are all positive
   * @param lines a line per run; empty when the chart draws seed groups
   * @param bands a band per seed group; empty when the chart draws runs
   */
  record ScalarChart(String tag, boolean logScale, List<Line> lines, List<SeedBand> bands) {}

  /** One run's points: steps and values. */
  record Line(int run, long[] x, Float[] y) {}

  /**
   * One seed group's runs over steps: at each step {@code x[i]} the mean of the finite values its
   * seeds logged, the 95% confidence interval of that mean ({@code low}, {@code high}; null with
   * fewer than two values), and how many values there were.
   */
  record SeedBand(int group, long[] x, Float[] mean, Float[] low, Float[] high, int[] n) {}

  /**
   * One histogram tag: each run's first distribution as a density, and the percentile bands of each
   * run over steps.
   */
  record HistogramTag(String tag, List<Density> initial, List<Band> bands) {}

  /** A distribution as a density curve: bucket centers and count per unit of value. */
  record Density(int run, long step, Float[] x, Float[] y) {}

  /**
   * A run's distribution over steps: for each of {@link Distribution#basisPoints()} the value at
   * that percentile at each step ({@code p[k][i]} at step {@code x[i]}).
   */
  record Band(int run, long[] x, Float[][] p) {}

  /** One PR curve tag: each run's curve at the last step it logged, runs overlaid. */
  record PrTag(String tag, List<Curve> curves) {}

  /**
   * A run's precision over recall at {@code step}, recall rising; thresholds at which nothing is
   * predicted positive are left out (as TensorBoard leaves them out), and of several thresholds
   * with one recall the highest precision is kept.
   */
  record Curve(int run, long step, Float[] x, Float[] y) {}

  /** The charts of {@code runs}, a line per run, every line at most {@code maxPoints} points. */
  static ChartData of(List<RunLog> runs, int maxPoints) {
    return of(runs, List.of(), maxPoints);
  }

  /**
   * The charts of {@code runs}; with {@code groups} (seed groups of those runs) each scalar chart
   * draws a band per group instead of a line per run. Lines and bands have at most {@code
   * maxPoints} points.
   */
  static ChartData of(List<RunLog> runs, List<SeedGroup> groups, int maxPoints) {
    return new ChartData(
        runs.stream().map(RunLog::name).toList(),
        groups.stream().map(SeedGroup::name).toList(),
        scalarSections(runs, groups, maxPoints),
        histogramTags(runs, maxPoints),
        prTags(runs));
  }

  private static List<PrTag> prTags(List<RunLog> runs) {
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.prCurves().keySet()));
    List<PrTag> result = new ArrayList<>();
    for (String tag : tags) {
      List<Curve> curves = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        List<PrCurvePoint> points = runs.get(i).prCurves(tag);
        if (!points.isEmpty()) {
          curves.add(curve(i, points.get(points.size() - 1)));
        }
      }
      result.add(new PrTag(tag, curves));
    }
    return result;
  }

  private static Curve curve(int run, PrCurvePoint point) {
    PrCurve c = point.curve();
    double[] tp = c.truePositives();
    double[] fp = c.falsePositives();
    double[] precision = c.precision();
    double[] recall = c.recall();
    // thresholds rise with the index, so recall falls: walk them backwards
    TreeMap<Float, Float> byRecall = new TreeMap<>();
    for (int i = c.thresholds() - 1; i >= 0; i--) {
      Float r = toFloat(recall[i]);
      Float p = toFloat(precision[i]);
      if (tp[i] + fp[i] > 0 && r != null && p != null) {
        byRecall.merge(r, p, Math::max);
      }
    }
    return new Curve(
        run,
        point.step(),
        byRecall.keySet().toArray(Float[]::new),
        byRecall.values().toArray(Float[]::new));
  }

  private static List<Section> scalarSections(
      List<RunLog> runs, List<SeedGroup> groups, int maxPoints) {
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.scalars().keySet()));
    Set<String> placed = new LinkedHashSet<>();
    List<ScalarChart> pairs = new ArrayList<>();
    for (String tag : tags) {
      Optional<String> train = Tags.trainCounterpart(tag, tags);
      if (train.isPresent() && !placed.contains(train.get()) && !placed.contains(tag)) {
        pairs.add(scalarChart(train.get(), runs, groups, maxPoints));
        pairs.add(scalarChart(tag, runs, groups, maxPoints));
        placed.add(train.get());
        placed.add(tag);
      }
    }
    Map<String, List<ScalarChart>> byPrefix = new TreeMap<>();
    List<ScalarChart> other = new ArrayList<>();
    for (String tag : tags) {
      if (placed.contains(tag)) {
        continue;
      }
      int slash = tag.indexOf('/');
      List<ScalarChart> section =
          slash > 0
              ? byPrefix.computeIfAbsent(tag.substring(0, slash), p -> new ArrayList<>())
              : other;
      section.add(scalarChart(tag, runs, groups, maxPoints));
    }
    List<Section> sections = new ArrayList<>();
    if (!pairs.isEmpty()) {
      sections.add(new Section(PAIRS_TITLE, pairs));
    }
    byPrefix.forEach((prefix, charts) -> sections.add(new Section(prefix, charts)));
    if (!other.isEmpty()) {
      sections.add(new Section(OTHER_TITLE, other));
    }
    return sections;
  }

  private static ScalarChart scalarChart(
      String tag, List<RunLog> runs, List<SeedGroup> groups, int maxPoints) {
    if (!groups.isEmpty()) {
      return bandChart(tag, runs, groups, maxPoints);
    }
    List<Line> lines = new ArrayList<>();
    boolean allPositive = true;
    for (int i = 0; i < runs.size(); i++) {
      List<ScalarPoint> series = runs.get(i).scalars(tag);
      if (series.isEmpty()) {
        continue;
      }
      List<ScalarPoint> kept = Downsampling.minMax(series, maxPoints);
      long[] x = new long[kept.size()];
      Float[] y = new Float[kept.size()];
      for (int j = 0; j < kept.size(); j++) {
        x[j] = kept.get(j).step();
        y[j] = toFloat(kept.get(j).value());
        allPositive &= y[j] == null || y[j] > 0;
      }
      lines.add(new Line(i, x, y));
    }
    return new ScalarChart(tag, Goal.forTag(tag) == Goal.MIN && allPositive, lines, List.of());
  }

  private static ScalarChart bandChart(
      String tag, List<RunLog> runs, List<SeedGroup> groups, int maxPoints) {
    Map<String, RunLog> byName = new HashMap<>();
    runs.forEach(r -> byName.put(r.name(), r));
    List<SeedBand> bands = new ArrayList<>();
    boolean allPositive = true;
    for (int g = 0; g < groups.size(); g++) {
      SortedMap<Long, List<Double>> byStep = new TreeMap<>();
      for (String run : groups.get(g).runs()) {
        for (ScalarPoint p : byName.get(run).scalars(tag)) {
          byStep.computeIfAbsent(p.step(), s -> new ArrayList<>()).add(p.value());
        }
      }
      if (byStep.isEmpty()) {
        continue;
      }
      List<Long> steps = new ArrayList<>(byStep.keySet());
      int[] kept = Downsampling.evenly(steps.size(), maxPoints);
      long[] x = new long[kept.length];
      Float[] mean = new Float[kept.length];
      Float[] low = new Float[kept.length];
      Float[] high = new Float[kept.length];
      int[] n = new int[kept.length];
      for (int j = 0; j < kept.length; j++) {
        x[j] = steps.get(kept[j]);
        // a diverged seed's NaN would hide the others' mean: the band is of the finite values
        double[] finite =
            byStep.get(x[j]).stream()
                .mapToDouble(Double::doubleValue)
                .filter(Double::isFinite)
                .toArray();
        SampleStatistics s = SampleStatistics.of(finite);
        n[j] = s.n();
        mean[j] = s.n() > 0 ? toFloat(s.mean()) : null;
        low[j] = s.ci95().map(ci -> toFloat(ci.low())).orElse(null);
        high[j] = s.ci95().map(ci -> toFloat(ci.high())).orElse(null);
        for (Float v : new Float[] {mean[j], low[j]}) {
          allPositive &= v == null || v > 0;
        }
      }
      bands.add(new SeedBand(g, x, mean, low, high, n));
    }
    return new ScalarChart(tag, Goal.forTag(tag) == Goal.MIN && allPositive, List.of(), bands);
  }

  private static List<HistogramTag> histogramTags(List<RunLog> runs, int maxPoints) {
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.histograms().keySet()));
    List<HistogramTag> result = new ArrayList<>();
    for (String tag : tags) {
      List<Density> initial = new ArrayList<>();
      List<Band> bands = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        // an empty histogram has neither a density nor percentiles
        List<HistogramPoint> points =
            runs.get(i).histograms(tag).stream().filter(p -> p.histogram().count() > 0).toList();
        if (!points.isEmpty()) {
          initial.add(density(i, points.get(0)));
          bands.add(band(i, points, maxPoints));
        }
      }
      result.add(new HistogramTag(tag, initial, bands));
    }
    return result;
  }

  private static Density density(int run, HistogramPoint point) {
    Histogram h = point.histogram();
    List<Float> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    for (int i = 0; i < h.bucketCount(); i++) {
      double width = h.edge(i + 1) - h.edge(i);
      // a zero-width bucket (TensorBoard's for constant data) has no finite density
      if (width > 0) {
        x.add(toFloat((h.edge(i) + h.edge(i + 1)) / 2));
        y.add(toFloat(h.bucketCount(i) / (h.count() * width)));
      }
    }
    return new Density(run, point.step(), x.toArray(Float[]::new), y.toArray(Float[]::new));
  }

  private static Band band(int run, List<HistogramPoint> points, int maxPoints) {
    int[] kept = Downsampling.evenly(points.size(), maxPoints);
    int k = Distribution.basisPoints().length;
    long[] x = new long[kept.length];
    Float[][] p = new Float[k][kept.length];
    for (int j = 0; j < kept.length; j++) {
      HistogramPoint point = points.get(kept[j]);
      x[j] = point.step();
      double[] percentiles = Distribution.percentiles(point.histogram());
      for (int b = 0; b < k; b++) {
        p[b][j] = toFloat(percentiles[b]);
      }
    }
    return new Band(run, x, p);
  }

  /** {@code v} as a float, or null where it is not finite as a float: a gap in a line. */
  private static Float toFloat(double v) {
    float f = (float) v;
    return Float.isFinite(f) ? f : null;
  }
}
