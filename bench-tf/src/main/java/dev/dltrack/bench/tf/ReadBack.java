package dev.dltrack.bench.tf;

import dev.dltrack.bench.Check;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads what a writer wrote back through the tracker's {@link TensorBoardRuns}, and checks it
 * against what was logged: so that both writers are shown to have done the same work.
 */
final class ReadBack {
  private ReadBack() {}

  /**
   * Checks that {@code dir} holds {@code values[0..count)} under {@link ScalarSubject#TAG}, at
   * steps {@code 0..count-1}, each step once, equal as float32 (what TensorBoard stores).
   */
  static Check scalars(String section, String writer, Path dir, float[] values, int count)
      throws IOException {
    List<ScalarPoint> points = read(dir).scalars(ScalarSubject.TAG);
    String problem = null;
    BitSet seen = new BitSet(count);
    for (ScalarPoint p : points) {
      long step = p.step();
      if (step < 0 || step >= count || seen.get((int) step)) {
        problem = "unexpected or repeated step " + step;
        break;
      }
      seen.set((int) step);
      if ((float) p.value() != values[(int) step]) {
        problem = String.format(Locale.ROOT, "step %d: read %s, logged %s", step, p.value(), values[(int) step]);
        break;
      }
    }
    if (problem == null && points.size() != count) {
      problem = "read " + points.size() + " values, logged " + count;
    }
    return new Check(section, writer + ": scalars read back", problem == null,
        problem != null ? problem : String.format(Locale.ROOT,
            "%,d of %,d values at steps 0..%,d equal to those logged, as float32", count, count, count - 1));
  }

  /**
   * Checks that {@code dir} holds {@code calls} histograms under {@code tag}, each of {@code
   * values} exactly: count, min and max (the buckets differ by design between writers).
   */
  static Check histograms(String section, String writer, Path dir, String tag, float[] values, int calls)
      throws IOException {
    Histogram expected = Histogram.of(values);
    List<HistogramPoint> points = read(dir).histograms(tag);
    String problem = points.size() != calls ? "read " + points.size() + " histograms, logged " + calls : null;
    for (HistogramPoint p : points) {
      Histogram h = p.histogram();
      if (problem == null
          && (h.count() != values.length || h.min() != expected.min() || h.max() != expected.max())) {
        problem = String.format(Locale.ROOT, "step %d: count %s, min %s, max %s; logged %d values in [%s, %s]",
            p.step(), h.count(), h.min(), h.max(), values.length, expected.min(), expected.max());
      }
    }
    return new Check(section, writer + ": histograms of " + String.format(Locale.ROOT, "%,d", values.length)
        + " floats read back", problem == null,
        problem != null ? problem : String.format(Locale.ROOT,
            "%,d histograms, each with count %,d and the exact min and max", calls, values.length));
  }

  private static RunLog read(Path dir) throws IOException {
    return TensorBoardRuns.readRun(dir, dir.getFileName().toString());
  }
}
