package dev.dltrack.compare.report;

import dev.dltrack.compare.model.Goal;
import dev.dltrack.compare.model.Tags;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.Distribution;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * @param scalars sections of scalar charts: first each validation tag beside its training
 *     counterpart (train on the left), then the other tags by their first path segment
 * @param prCurves every PR curve tag with each run's curve at its last step, runs overlaid
 */
record ChartData(
    List<String> runs, List<Section> scalars, List<HistogramTag> histograms, List<PrTag> prCurves) {
  /** The title of the section that pairs training and validation charts. */
  static final String PAIRS_TITLE = "training vs. validation";
  /** The title of the section of tags without a path segment. */
  static final String OTHER_TITLE = "other";

  /** Charts under one heading. */
  record Section(String title, List<ScalarChart> charts) {}

  /**
   * One scalar tag, every run a line.
   *
   * @param logScale whether the chart offers a log scale: a loss-like tag whose values are all
   *     positive
   */
  record ScalarChart(String tag, boolean logScale, List<Line> lines) {}

  /** One run's points: steps and values. */
  record Line(int run, long[] x, Float[] y) {}

  /**
   * One histogram tag: each run's first distribution as a density, and the percentile bands of
   * each run over steps.
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

  /** The charts of {@code runs}, every line at most {@code maxPoints} points. */
  static ChartData of(List<RunLog> runs, int maxPoints) {
    return new ChartData(
        runs.stream().map(RunLog::name).toList(),
        scalarSections(runs, maxPoints),
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

  private static List<Section> scalarSections(List<RunLog> runs, int maxPoints) {
    SortedSet<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.scalars().keySet()));
    Set<String> placed = new LinkedHashSet<>();
    List<ScalarChart> pairs = new ArrayList<>();
    for (String tag : tags) {
      Optional<String> train = Tags.trainCounterpart(tag, tags);
      if (train.isPresent() && !placed.contains(train.get()) && !placed.contains(tag)) {
        pairs.add(scalarChart(train.get(), runs, maxPoints));
        pairs.add(scalarChart(tag, runs, maxPoints));
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
          slash > 0 ? byPrefix.computeIfAbsent(tag.substring(0, slash), p -> new ArrayList<>()) : other;
      section.add(scalarChart(tag, runs, maxPoints));
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

  private static ScalarChart scalarChart(String tag, List<RunLog> runs, int maxPoints) {
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
    return new ScalarChart(tag, Goal.forTag(tag) == Goal.MIN && allPositive, lines);
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
