package dev.dltrack.trainer.nn;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of DL4J's plain ReLU ({@code ActivationReLU} without maximum, threshold or
 * negative slope, 1.0.0-M2.1: ND4J's {@code relu_bp} op), computed in Java: {@code dL/dz = z > 0 ?
 * dL/da : +0}, the gradient's own bits where kept, NaN pre-activations not kept, as the op.
 *
 * <p>The op took ~2 ns an element here; this loop is branch-free integer arithmetic on chunks that
 * stay in the core's cache. Anything but float arrays of the same shape and strides, each one dense
 * run of memory, goes to DL4J.
 */
final class ReluBackward extends ElementwiseKernel {
  /** Whether {@code activation} is the plain ReLU this computes. */
  static boolean isPlainRelu(IActivation activation) {
    return activation != null
        && activation.getClass() == ActivationReLU.class
        && (((ActivationReLU) activation).getMax() == null
            || ((ActivationReLU) activation).getMax() == 0.0)
        && ((ActivationReLU) activation).getThreshold() == null
        && ((ActivationReLU) activation).getNegativeSlope() == null;
  }

  /**
   * {@code dL/dz} into a new array like {@code preActivation} (in the current workspace, as DL4J's
   * {@code ulike}), or null where DL4J's own code must compute it.
   */
  INDArray gradient(INDArray preActivation, INDArray epsilon) {
    if (!alike(preActivation, epsilon)) {
      return null;
    }
    INDArray out = preActivation.ulike();
    if (!alike(preActivation, out)) {
      return null;
    }
    apply(epsilon, preActivation, out);
    return out;
  }

  /**
   * {@code x}: the gradient at the output, kept where {@code y}, the pre-activation, is above 0.
   */
  @Override
  void chunk(float[] x, float[] y, int len) {
    for (int i = 0; i < len; i++) {
      int zb = Float.floatToRawIntBits(y[i]);
      // negative exactly where 0 < z <= +Inf: bits 1 .. 0x7f800000 (not +-0, negatives or NaN)
      long positive = Integer.toUnsignedLong(zb - 1) - 0x7f800000L;
      x[i] = Float.intBitsToFloat(Float.floatToRawIntBits(x[i]) & (int) (positive >> 63));
    }
  }
}
