package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

/** One markdown text at a step; the wall time in seconds since the epoch. */
public record TextPoint(long step, double wallTime, String markdown) {
  /**
   * Refuses null markdown.
   *
   * @param step the step
   * @param wallTime the wall time, in seconds since the epoch
   * @param markdown the markdown text
   */
  public TextPoint {
    requireNonNull(markdown, "markdown");
  }
}
