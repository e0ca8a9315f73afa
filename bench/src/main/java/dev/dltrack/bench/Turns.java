package dev.dltrack.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated measurements of several subjects taken in turns: in each repetition every subject once,
 * in an order that rotates from one repetition to the next, so that drift and warm-up hit them all
 * alike, and the {@code i}th samples of two subjects can be paired (see {@link Stats#ofRatios}).
 */
public final class Turns {
  private Turns() {}

  /** One measurement of {@code subject} in repetition {@code rep}. */
  @FunctionalInterface
  public interface Measurement<S, E extends Exception> {
    double take(S subject, int rep) throws E;
  }

  /** Each subject's {@code reps} samples, by repetition, in the order of {@code subjects}. */
  public static <S, E extends Exception> Map<S, double[]> take(
      List<S> subjects, int reps, Measurement<S, E> measurement) throws E {
    Map<S, double[]> samples = new LinkedHashMap<>();
    subjects.forEach(s -> samples.put(s, new double[reps]));
    for (int rep = 0; rep < reps; rep++) {
      for (int k = 0; k < subjects.size(); k++) {
        S s = subjects.get((rep + k) % subjects.size());
        samples.get(s)[rep] = measurement.take(s, rep);
      }
    }
    return samples;
  }
}
