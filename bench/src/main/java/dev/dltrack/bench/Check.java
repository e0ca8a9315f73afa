package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

/** A correctness check made beside the timings: that two writers did the same work, say. */
public record Check(String section, String what, boolean passed, String detail) {
  public Check {
    requireNonNull(section, "section");
    requireNonNull(what, "what");
    requireNonNull(detail, "detail");
  }
}
