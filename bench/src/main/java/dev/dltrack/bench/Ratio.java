package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A ratio of two configurations measured side by side (e.g. the tracker's throughput over
 * TensorFlow's), from paired repetitions, and the target it is held to, if any: {@code met} is
 * whether the median meets it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ratio(String section, String what, Stats value, Target target, Boolean met) {
  public Ratio {
    requireNonNull(section, "section");
    requireNonNull(what, "what");
    requireNonNull(value, "value");
    if ((target == null) != (met == null)) {
      throw new IllegalArgumentException("target and met come together: " + target + ", " + met);
    }
  }

  /** A ratio reported for information, held to no target. */
  public static Ratio of(String section, String what, Stats value) {
    return new Ratio(section, what, value, null, null);
  }

  /** A ratio held to {@code target}, judged by its median. */
  public static Ratio of(String section, String what, Stats value, Target target) {
    return new Ratio(section, what, value, target, target.metBy(value.median()));
  }
}
