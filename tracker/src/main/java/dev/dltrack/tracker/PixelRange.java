package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The range of values that float pixels are stated to lie in: {@code low} becomes black (0) and
 * {@code high} white (255), linearly in between. A pixel outside the range, or NaN, is refused: an
 * image whose range is not declared cannot be drawn faithfully.
 *
 * <p>{@link #symmetric} keeps zero at mid-grey, so weight images of different runs share one
 * meaning of grey: {@code PixelRange.symmetric(maxAbs(weights))}.
 */
public record PixelRange(double low, double high) {
  /** {@code [0, 1]}, TensorFlow's range for float images. */
  public static final PixelRange UNIT = new PixelRange(0, 1);

  public PixelRange {
    checkArgument(
        Double.isFinite(low) && Double.isFinite(high) && low < high,
        "pixel range must be finite with low < high: [%s, %s]",
        low,
        high);
  }

  /** {@code [low, high]}. */
  public static PixelRange of(double low, double high) {
    return new PixelRange(low, high);
  }

  /**
   * {@code [-maxAbs, maxAbs]}: zero is mid-grey. A {@code maxAbs} of zero (all-zero data) becomes
   * {@code [-1, 1]}, so that zeros still draw as mid-grey.
   */
  public static PixelRange symmetric(double maxAbs) {
    checkArgument(
        Double.isFinite(maxAbs) && maxAbs >= 0, "maxAbs must be finite and >= 0: %s", maxAbs);
    double m = maxAbs > 0 ? maxAbs : 1;
    return new PixelRange(-m, m);
  }

  /** The symmetric range around zero that holds every value of {@code values}. */
  public static PixelRange symmetricAround(float[] values) {
    return symmetric(maxAbs(values));
  }

  /** The symmetric range around zero that holds every value of {@code rows} (weight tiles, say). */
  public static PixelRange symmetricAround(float[][] rows) {
    double m = 0;
    for (float[] row : rows) {
      m = Math.max(m, maxAbs(row));
    }
    return symmetric(m);
  }

  private static double maxAbs(float[] values) {
    double m = 0;
    for (float v : values) {
      checkArgument(Float.isFinite(v), "value is not finite: %s", v);
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Whether {@code v} lies in the range (NaN does not). */
  public boolean contains(double v) {
    return v >= low && v <= high;
  }

  /** {@code v}, which must lie in the range, as an 8-bit level (rounded to nearest). */
  int level(double v) {
    return (int) Math.round((v - low) / (high - low) * 255);
  }
}
