package dev.dltrack.trainer.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element-wise function of two float arrays computed in Java, where C2 vectorizes it: the arrays
 * are read in chunks that stay in the core's cache (one bulk copy out of each native buffer), a
 * subclass's {@link #chunk} computes, and the chunk is copied into the result.
 */
abstract class ElementwiseKernel {
  /** Elements per chunk: two chunks of 16 KiB. */
  private static final int CHUNK = 4096;

  private final float[] x = new float[CHUNK];
  private final float[] y = new float[CHUNK];

  /** Sets {@code x[i]} to the function of {@code x[i]} and {@code y[i]}, for {@code i < len}. */
  abstract void chunk(float[] x, float[] y, int len);

  /**
   * Whether this can compute on the arrays: float arrays of one shape and strides, each one dense
   * run of memory, on ND4J's CPU backend.
   */
  static boolean alike(INDArray first, INDArray... others) {
    if (!(Nd4j.getExecutioner() instanceof NativeOpExecutioner) || !dense(first)) {
      return false;
    }
    for (INDArray other : others) {
      if (!dense(other)
          || !Arrays.equals(first.shape(), other.shape())
          || !Arrays.equals(first.stride(), other.stride())) {
        return false;
      }
    }
    return true;
  }

  private static boolean dense(INDArray array) {
    return array.dataType() == DataType.FLOAT
        && array.elementWiseStride() == 1
        && array.length() <= Integer.MAX_VALUE;
  }

  /**
   * {@code out[i] = f(x[i], y[i])}, the arrays {@link #alike}; {@code out} may be {@code x} or
   * {@code y}.
   */
  final void apply(INDArray x, INDArray y, INDArray out) {
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer yb = y.data().asNioFloat();
    FloatBuffer ob = out.data().asNioFloat();
    int xAt = xb.position();
    int yAt = yb.position();
    int oAt = ob.position();
    int n = (int) x.length();
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      xb.get(xAt + start, this.x, 0, len);
      yb.get(yAt + start, this.y, 0, len);
      chunk(this.x, this.y, len);
      ob.put(oAt + start, this.x, 0, len);
    }
  }
}
