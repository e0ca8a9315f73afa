package dev.dltrack.compare.table;

import dev.dltrack.compare.model.HParamValues;
import java.util.Locale;

/**
 * How cell values read: {@link #display} for people (tables on screen, Markdown, the HTML report),
 * {@link #exact} for programs (CSV). Missing values read as {@link #MISSING} and as the empty
 * string.
 */
public final class Cells {
  /** What a missing value shows as. */
  public static final String MISSING = "—";

  private Cells() {}

  /** {@code value} for people: metric values to four significant digits, durations as 1h02m. */
  public static String display(CellType type, Object value) {
    if (value == null) {
      return MISSING;
    }
    return switch (type) {
      case TEXT, INTEGER -> HParamValues.format(value);
      case NUMBER -> number(((Number) value).doubleValue());
      case SECONDS -> duration(((Number) value).doubleValue());
    };
  }

  /** {@code value} without loss: numbers in their shortest exact form, NaN as {@code NaN}. */
  public static String exact(CellType type, Object value) {
    if (value == null) {
      return "";
    }
    return switch (type) {
      case TEXT, INTEGER -> HParamValues.format(value);
      case NUMBER, SECONDS -> Double.toString(((Number) value).doubleValue());
    };
  }

  /** Four significant digits ({@code 0.8812}, {@code 1.235e+04}); {@code NaN}, {@code inf}. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** {@code 45.2s}, {@code 12m05s}, {@code 3h07m}. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return number(seconds);
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
