package dev.dltrack.compare.model;

/** How hyperparameter values read as text: numbers as short as they can be without loss. */
public final class HParamValues {
  private HParamValues() {}

  /**
   * {@code value} as text: whole numbers without a fraction ({@code 1}, not {@code 1.0}: the reader
   * gives every number as a double), other numbers in their shortest exact form ({@code 0.001},
   * {@code 1e-05}), strings and booleans as they are.
   */
  public static String format(Object value) {
    if (value instanceof Double d) {
      return format(d.doubleValue());
    }
    return String.valueOf(value);
  }

  private static String format(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    // Double.toString is the shortest exact form; only its "1.0E-5" spelling is tidied
    return Double.toString(d).replace(".0E", "E").replace('E', 'e');
  }
}
