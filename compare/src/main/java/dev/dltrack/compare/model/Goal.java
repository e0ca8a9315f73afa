package dev.dltrack.compare.model;

import java.util.Locale;

/** Which way a metric improves: accuracies rise, losses fall. */
public enum Goal {
  /** Higher is better. */
  MAX,
  /** Lower is better. */
  MIN;

  /**
   * The goal a tag's name implies: {@link #MIN} for a loss or an error rate ({@code val/loss},
   * {@code top1_error}), {@link #MAX} for anything else.
   */
  public static Goal forTag(String tag) {
    String t = tag.toLowerCase(Locale.ROOT);
    return t.contains("loss") || t.contains("error") ? MIN : MAX;
  }

  /** Whether {@code candidate} is strictly better than {@code incumbent}. */
  public boolean isBetter(double candidate, double incumbent) {
    return this == MAX ? candidate > incumbent : candidate < incumbent;
  }

  /** The goal as the command line writes it: {@code max} or {@code min}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
