package dev.dltrack.trainer.init;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** The distributions the layerwise schemes draw from. */
final class Samplers {
  /**
   * The standard deviation of a standard normal truncated to [-2, 2]. Keras divides the wanted
   * standard deviation by it, so that weights drawn from a normal truncated at two of its
   * standard deviations end up with the wanted one.
   */
  static final double TRUNCATED_NORMAL_SD = 0.8796256610342398;

  private Samplers() {}

  static double[] constant(int count, double value) {
    double[] values = new double[count];
    Arrays.fill(values, value);
    return values;
  }

  /** U[-limit, limit). */
  static double[] uniform(int count, double limit, SplittableRandom random) {
    return draw(count, () -> random.nextDouble(-limit, limit));
  }

  /** N(0, sd²). */
  static double[] normal(int count, double sd, SplittableRandom random) {
    return draw(count, () -> sd * random.nextGaussian());
  }

  /**
   * Keras's {@code TruncatedNormal} as its variance-scaling initializers use it: a normal whose
   * draws beyond two of its standard deviations are drawn again, scaled so that the weights'
   * standard deviation is {@code sd}. The weights lie within {@code ±2 sd / 0.8796...}.
   */
  static double[] truncatedNormal(int count, double sd, SplittableRandom random) {
    double scale = sd / TRUNCATED_NORMAL_SD;
    return draw(count, () -> {
      double z;
      do {
        z = random.nextGaussian();
      } while (Math.abs(z) > 2);
      return scale * z;
    });
  }

  static double[] draw(int count, DoubleSupplier draw) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = draw.getAsDouble();
    }
    return values;
  }
}
