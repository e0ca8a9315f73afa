package dev.dltrack.trainer.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of DL4J's plain ReLU ({@code ActivationReLU} without maximum, threshold or
 * negative slope, 1.0.0-M2.1: ND4J's {@code relu_bp} op), computed in Java: {@code dL/dz = z > 0 ?
 * dL/da : +0}, the gradient's own bits where kept, NaN pre-activations not kept, as the op.
 *
 * <p>The op took ~2 ns an element here; this loop is branch-free integer arithmetic on chunks that
 * stay in the core's cache. Anything but float arrays of the same shape and strides, each one dense
 * run of memory, goes to DL4J.
 */
final class ReluBackward {
  /** Elements per chunk. */
  private static final int CHUNK = 4096;

  private final float[] z = new float[CHUNK];
  private final float[] e = new float[CHUNK];

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
    if (!(Nd4j.getExecutioner() instanceof NativeOpExecutioner)
        || preActivation.dataType() != DataType.FLOAT
        || epsilon.dataType() != DataType.FLOAT
        || preActivation.elementWiseStride() != 1
        || epsilon.elementWiseStride() != 1
        || preActivation.length() > Integer.MAX_VALUE
        || !Arrays.equals(preActivation.shape(), epsilon.shape())
        || !Arrays.equals(preActivation.stride(), epsilon.stride())) {
      return null;
    }
    INDArray out = preActivation.ulike();
    if (out.elementWiseStride() != 1 || !Arrays.equals(out.stride(), preActivation.stride())) {
      return null;
    }
    FloatBuffer zb = preActivation.data().asNioFloat();
    FloatBuffer eb = epsilon.data().asNioFloat();
    FloatBuffer ob = out.data().asNioFloat();
    int zAt = zb.position();
    int eAt = eb.position();
    int oAt = ob.position();
    int n = (int) preActivation.length();
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      zb.get(zAt + start, z, 0, len);
      eb.get(eAt + start, e, 0, len);
      chunk(z, e, len);
      ob.put(oAt + start, e, 0, len);
    }
    return out;
  }

  private static void chunk(float[] z, float[] e, int len) {
    for (int i = 0; i < len; i++) {
      int zb = Float.floatToRawIntBits(z[i]);
      // negative exactly where 0 < z <= +Inf: bits 1 .. 0x7f800000 (not +-0, negatives or NaN)
      long positive = Integer.toUnsignedLong(zb - 1) - 0x7f800000L;
      e[i] = Float.intBitsToFloat(Float.floatToRawIntBits(e[i]) & (int) (positive >> 63));
    }
  }
}
