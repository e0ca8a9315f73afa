package dev.dltrack.compare.table;

/** What a column holds, which decides how its cells read and align. */
public enum CellType {
  /** Text, or a hyperparameter value (string, boolean or number); left-aligned. */
  TEXT,
  /** A metric value (a {@code Double}); right-aligned, four significant digits on screen. */
  NUMBER,
  /** A step or a count (a {@code Long} or {@code Integer}); right-aligned. */
  INTEGER,
  /** A duration in seconds (a {@code Double}); right-aligned, as {@code 1h02m} on screen. */
  SECONDS;

  /** Whether cells of this type align right, as numbers do. */
  public boolean alignsRight() {
    return this != TEXT;
  }
}
