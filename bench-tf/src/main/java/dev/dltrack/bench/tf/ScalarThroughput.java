package dev.dltrack.bench.tf;

import dev.dltrack.bench.Ratio;
import dev.dltrack.bench.Report;
import dev.dltrack.bench.Row;
import dev.dltrack.bench.Scratch;
import dev.dltrack.bench.Stats;
import dev.dltrack.bench.Target;
import dev.dltrack.bench.Turns;
import dev.dltrack.bench.tf.ScalarMode.ScalarLogger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scalars per second end to end, for every {@link ScalarSubject}: from opening a writer on a fresh
 * directory to the return of its close, so that every value is synced to disk. Each writer logs
 * the same values at steps 0, 1, ...; how many is calibrated during its warm-up to take about
 * {@link Settings#secondsPerRep()}. Within each repetition the writers take turns, in a rotating
 * order, so that drift hits them all; ratios are taken within a repetition. The last repetition's
 * output is read back and checked.
 */
final class ScalarThroughput {
  static final String SECTION = "scalars, end to end";

  private final Report report;
  private final Settings settings;

  ScalarThroughput(Report report, Settings settings) {
    this.report = report;
    this.settings = settings;
  }

  void run() throws IOException {
    List<ScalarSubject> subjects = List.of(ScalarSubject.values());
    Map<ScalarSubject, ScalarMode> modes = new EnumMap<>(ScalarSubject.class);
    try {
      Map<ScalarSubject, Integer> counts = new EnumMap<>(ScalarSubject.class);
      for (ScalarSubject s : subjects) {
        modes.put(s, s.create());
        counts.put(s, calibrate(modes.get(s)));
      }
      float[] values = values(counts.values().stream().max(Comparator.naturalOrder()).orElseThrow());
      Map<ScalarSubject, double[]> rates = Turns.take(subjects, settings.reps(), (s, rep) -> {
        int n = counts.get(s);
        try (Scratch scratch = Scratch.create("dltrack-bench-scalars")) {
          Path dir = scratch.resolve("run");
          double rate = n / seconds(modes.get(s), dir, values, n);
          if (rep == settings.reps() - 1) {
            report.check(ReadBack.scalars(SECTION, s.label(), dir, values, n));
          }
          return rate;
        }
      });
      for (ScalarSubject s : subjects) {
        report.row(new Row(SECTION, s.label() + String.format(Locale.ROOT, " (%,d values)", counts.get(s)),
            "throughput", "values/s", Stats.of(rates.get(s))));
      }
      ratios(rates);
    } finally {
      modes.values().forEach(ScalarMode::close);
    }
  }

  /**
   * Each tracker configuration over TF's fastest mode (target: at least as fast) and over TF's
   * eager mode (target: 100 times as fast).
   */
  private void ratios(Map<ScalarSubject, double[]> rates) {
    ScalarSubject fastestTf = rates.keySet().stream()
        .filter(s -> !s.isTracker())
        .max(Comparator.comparingDouble(s -> Stats.of(rates.get(s)).median()))
        .orElseThrow();
    for (ScalarSubject tracker : rates.keySet().stream().filter(ScalarSubject::isTracker).toList()) {
      report.ratio(Ratio.of(SECTION,
          tracker.label() + " / " + fastestTf.label() + " (TF's fastest here), values/s",
          Stats.ofRatios(rates.get(tracker), rates.get(fastestTf)), Target.atLeast(1)));
      report.ratio(Ratio.of(SECTION,
          tracker.label() + " / " + ScalarSubject.TF_EAGER.label() + ", values/s",
          Stats.ofRatios(rates.get(tracker), rates.get(ScalarSubject.TF_EAGER)), Target.atLeast(100)));
    }
  }

  /**
   * The value count whose logging takes {@code mode} about {@link Settings#secondsPerRep()}
   * beyond the fixed cost of opening and closing, found by logging four times more each round
   * until the extra time over the round before is an eighth of that; this is also the mode's
   * warm-up. The first round only warms up: its time is mostly loading classes.
   */
  private int calibrate(ScalarMode mode) throws IOException {
    int batch = mode.batch();
    double target = settings.secondsPerRep();
    double before = Double.NaN;
    for (int n = batch * 16; ; n *= 4) {
      try (Scratch scratch = Scratch.create("dltrack-bench-warmup")) {
        double s = seconds(mode, scratch.resolve("run"), values(n), n);
        if (s - before >= target / 8) {
          double secondsPerValue = (s - before) / (double) (n - n / 4);
          long count = (long) Math.ceil(target / secondsPerValue / batch) * batch;
          return (int) Math.min(count, Integer.MAX_VALUE / batch * batch);
        }
        before = n > batch * 16 ? s : Double.NaN;
      }
    }
  }

  /** Seconds from opening {@code dir} to the return of close, logging {@code values[0..n)}. */
  private static double seconds(ScalarMode mode, Path dir, float[] values, int n) throws IOException {
    long t0 = System.nanoTime();
    try (ScalarLogger logger = mode.open(dir)) {
      for (int i = 0; i < n; i += mode.batch()) {
        logger.write(i, values, i);
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The value logged at step {@code i}: distinct, and exact in float32, like a decaying loss. */
  static float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2.5 / Math.sqrt(1 + i));
    }
    return v;
  }
}
