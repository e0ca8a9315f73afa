package dev.dltrack.bench.tf;

import dev.dltrack.bench.Ratio;
import dev.dltrack.bench.Report;
import dev.dltrack.bench.Row;
import dev.dltrack.bench.Scratch;
import dev.dltrack.bench.Stats;
import dev.dltrack.bench.Target;
import dev.dltrack.bench.Turns;
import dev.dltrack.bench.tf.HistogramMode.HistogramLogger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Histograms of 10^4..10^7 Gaussian floats: the time per histogram, from the first call to the
 * return of a flush that syncs them to disk, divided by the calls. Each repetition logs about
 * {@link Settings#histogramFloats()} floats per writer, on a fresh directory; the writers take
 * turns in a rotating order, after one untimed round. The last repetition's output is read back.
 */
final class HistogramComparison {
  static final String SECTION = "histograms";
  private static final long SEED = 1;

  private final Report report;
  private final Settings settings;

  HistogramComparison(Report report, Settings settings) {
    this.report = report;
    this.settings = settings;
  }

  void run() throws IOException {
    List<HistogramSubject> subjects = List.of(HistogramSubject.values());
    Map<HistogramSubject, HistogramMode> modes = new EnumMap<>(HistogramSubject.class);
    try {
      subjects.forEach(s -> modes.put(s, s.create()));
      SplittableRandom random = new SplittableRandom(SEED);
      for (int size = 10_000; size <= 10_000_000; size *= 10) {
        float[] values = gaussian(random, size);
        int calls = (int) Math.max(1, settings.histogramFloats() / size);
        for (HistogramSubject s : subjects) {
          try (Scratch scratch = Scratch.create("dltrack-bench-warmup")) {
            seconds(modes.get(s), scratch.resolve("run"), values, calls);
          }
        }
        Map<HistogramSubject, double[]> times =
            Turns.take(
                subjects,
                settings.reps(),
                (s, rep) -> {
                  try (Scratch scratch = Scratch.create("dltrack-bench-histograms")) {
                    Path dir = scratch.resolve("run");
                    double time = seconds(modes.get(s), dir, values, calls) / calls;
                    if (rep == settings.reps() - 1) {
                      report.check(
                          ReadBack.histograms(
                              SECTION, s.label(), dir, HistogramSubject.TAG, values, calls));
                    }
                    return time;
                  }
                });
        String floats = String.format(Locale.ROOT, "%,d floats", size);
        for (HistogramSubject s : subjects) {
          report.row(
              new Row(
                  SECTION,
                  s.label(),
                  floats + String.format(Locale.ROOT, ", %,d per repetition", calls),
                  "ms per histogram",
                  Stats.of(times.get(s)).scaled(1e3)));
        }
        report.ratio(
            Ratio.of(
                SECTION,
                "TF native writer time / tracker time, " + floats,
                Stats.ofRatios(
                    times.get(HistogramSubject.TF_GRAPH), times.get(HistogramSubject.TRACKER)),
                Target.atLeast(1)));
      }
    } finally {
      modes.values().forEach(HistogramMode::close);
    }
  }

  /** Seconds from the first of {@code calls} histograms of {@code values} to a synced flush. */
  private static double seconds(HistogramMode mode, Path dir, float[] values, int calls)
      throws IOException {
    try (HistogramLogger logger = mode.open(dir, values)) {
      long t0 = System.nanoTime();
      for (int step = 0; step < calls; step++) {
        logger.write(step);
      }
      logger.flush();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
