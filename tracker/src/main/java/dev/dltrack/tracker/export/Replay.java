package dev.dltrack.tracker.export;

import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.TextPoint;
import dev.dltrack.tracker.spi.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's log as the records a sink receives, in step order: what a run that logged it live would
 * have sent, as far as the log tells. Steps come in increasing order (values of one step in
 * wall-time order) because W&amp;B's history has one row per step and {@code _step} only
 * increasing; a reader's log is grouped by tag, so the tags' series are merged.
 *
 * <p>What has no place in a step-indexed history is left out and said in {@link #warnings()}: a
 * negative step, and every value but the last of a tag logged several times at one step (a
 * restarted TensorBoard run that logged its steps again). The Custom Scalars layout is not
 * replayed: it is a TensorBoard dashboard's, and no other format has it.
 */
final class Replay {
  private final List<RunRecord> records;
  private final List<String> warnings;
  private final double firstWallTime;
  private final double lastWallTime;
  private final int values;

  private Replay(
      List<RunRecord> records, List<String> warnings, double first, double last, int values) {
    this.records = records;
    this.warnings = warnings;
    this.firstWallTime = first;
    this.lastWallTime = last;
    this.values = values;
  }

  /** One value of the log: its step, wall time and record, and its place in the log. */
  private record Entry(long step, double wallTime, int order, RunRecord record) {}

  static Replay of(RunLog run) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> negative = new TreeMap<>();
    Map<String, Integer> repeated = new TreeMap<>();
    Adder add =
        (tag, step, wallTime, record) -> {
          if (step < 0) {
            negative.merge(tag, 1, Integer::sum);
            return;
          }
          entries.add(new Entry(step, wallTime, entries.size(), record));
        };
    for (Map.Entry<String, List<ScalarPoint>> e : run.scalars().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(ScalarPoint::step).toArray(), repeated);
      for (ScalarPoint p : e.getValue()) {
        add.add(
            tag,
            p.step(),
            p.wallTime(),
            new RunRecord.Scalar(tag, p.step(), p.wallTime(), p.value()));
      }
    }
    for (Map.Entry<String, List<HistogramPoint>> e : run.histograms().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(HistogramPoint::step).toArray(), repeated);
      for (HistogramPoint p : e.getValue()) {
        add.add(
            tag,
            p.step(),
            p.wallTime(),
            new RunRecord.HistogramValue(tag, p.step(), p.wallTime(), p.histogram()));
      }
    }
    for (Map.Entry<String, List<TextPoint>> e : run.texts().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(TextPoint::step).toArray(), repeated);
      for (TextPoint p : e.getValue()) {
        add.add(
            tag,
            p.step(),
            p.wallTime(),
            new RunRecord.Text(tag, p.step(), p.wallTime(), p.markdown()));
      }
    }
    for (Map.Entry<String, List<ImagePoint>> e : run.images().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(ImagePoint::step).toArray(), repeated);
      for (ImagePoint p : e.getValue()) {
        add.add(
            tag,
            p.step(),
            p.wallTime(),
            new RunRecord.Images(tag, p.step(), p.wallTime(), p.images()));
      }
    }
    for (Map.Entry<String, List<PrCurvePoint>> e : run.prCurves().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(PrCurvePoint::step).toArray(), repeated);
      for (PrCurvePoint p : e.getValue()) {
        add.add(
            tag,
            p.step(),
            p.wallTime(),
            new RunRecord.PrCurveValue(tag, p.step(), p.wallTime(), p.curve()));
      }
    }
    // the projector's files carry no time: an embedding takes the latest time of its step or the
    // steps before it, else the earliest of the run
    TreeMap<Long, Double> timeByStep = new TreeMap<>();
    for (Entry e : entries) {
      timeByStep.merge(e.step(), e.wallTime(), Math::max);
    }
    double earliest = entries.stream().mapToDouble(Entry::wallTime).min().orElse(0);
    for (Map.Entry<String, List<EmbeddingPoint>> e : run.embeddings().entrySet()) {
      String tag = e.getKey();
      countRepeats(tag, e.getValue().stream().mapToLong(EmbeddingPoint::step).toArray(), repeated);
      for (EmbeddingPoint p : e.getValue()) {
        Map.Entry<Long, Double> before = timeByStep.floorEntry(p.step());
        double wallTime = before != null ? before.getValue() : earliest;
        add.add(
            tag,
            p.step(),
            wallTime,
            new RunRecord.EmbeddingValue(tag, p.step(), wallTime, p.embedding()));
      }
    }
    // steps in order; within a step, as logged (wall time), then as read
    entries.sort(
        Comparator.comparingLong(Entry::step)
            .thenComparingDouble(Entry::wallTime)
            .thenComparingInt(Entry::order));
    List<String> warnings = new ArrayList<>();
    negative.forEach(
        (tag, n) ->
            warnings.add(
                String.format(
                    Locale.ROOT,
                    "%s: %d value(s) at a negative step left out (W&B's steps start at 0)",
                    tag,
                    n)));
    repeated.forEach(
        (tag, n) ->
            warnings.add(
                String.format(
                    Locale.ROOT,
                    "%s: %d value(s) at a step the tag already had; W&B keeps one value per key and"
                        + " step, the last logged",
                    tag,
                    n)));
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    List<RunRecord> records = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      first = Math.min(first, e.wallTime());
      last = Math.max(last, e.wallTime());
      records.add(e.record());
    }
    return new Replay(records, List.copyOf(warnings), first, last, records.size());
  }

  private interface Adder {
    void add(String tag, long step, double wallTime, RunRecord record);
  }

  private static void countRepeats(String tag, long[] steps, Map<String, Integer> repeated) {
    Map<Long, Integer> seen = new HashMap<>();
    int n = 0;
    for (long s : steps) {
      if (s >= 0 && seen.merge(s, 1, Integer::sum) > 1) {
        n++;
      }
    }
    if (n > 0) {
      repeated.merge(tag, n, Integer::sum);
    }
  }

  /** The records, in the order a sink receives them (no end record). */
  List<RunRecord> records() {
    return records;
  }

  /** What was left out, one line each. */
  List<String> warnings() {
    return warnings;
  }

  /** How many values are replayed. */
  int values() {
    return values;
  }

  /** The earliest wall time of a value, or NaN for a log without values. */
  double firstWallTime() {
    return values == 0 ? Double.NaN : firstWallTime;
  }

  /** The latest wall time of a value, or NaN for a log without values. */
  double lastWallTime() {
    return values == 0 ? Double.NaN : lastWallTime;
  }
}
