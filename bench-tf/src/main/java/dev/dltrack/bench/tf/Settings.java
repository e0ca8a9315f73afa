package dev.dltrack.bench.tf;

import java.util.Locale;

/**
 * How long the TensorFlow comparison measures: the full settings for published figures, or quick
 * ones ({@code --quick}) to see that everything runs.
 *
 * @param reps repetitions of each plain timed measurement, after the warm-up
 * @param secondsPerRep about how long one scalar repetition takes, per writer (the value count is
 *     calibrated to it during warm-up)
 * @param histogramFloats how many floats each histogram repetition logs per writer in all (in calls
 *     of one size; at least one call)
 * @param jmhIterations JMH's measurement iterations (of one second) per writer; as many warm-up
 */
record Settings(int reps, double secondsPerRep, long histogramFloats, int jmhIterations) {
  /** For figures. */
  static final Settings FULL = new Settings(7, 2, 20_000_000, 5);

  /** To see that everything runs. */
  static final Settings QUICK = new Settings(3, 0.3, 2_000_000, 2);

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d repetitions after warm-up; scalars: about %.1f s per writer and repetition; histograms: %,d floats"
            + " per writer and repetition; JMH: %d warm-up and %d measured iterations of 1 s, 1 fork",
        reps,
        secondsPerRep,
        histogramFloats,
        jmhIterations,
        jmhIterations);
  }
}
