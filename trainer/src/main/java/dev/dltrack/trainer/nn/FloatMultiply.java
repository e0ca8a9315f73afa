package dev.dltrack.trainer.nn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise {@code out = a * b} of float arrays in Java, which C2 vectorizes: what ND4J's {@code
 * MulOp} computes for arrays of one shape (a float product is exactly rounded, so bit for bit the
 * same), without the op's fixed cost. In 1.0.0-M2.1 each custom op makes a random UUID for its name
 * and an op context that goes through ND4J's deallocator service, which cost more than multiplying
 * a 128 × 256 batch. {@code out} may be {@code a} or {@code b}.
 */
final class FloatMultiply {
  /** Elements per chunk: three chunks stay in the core's cache. */
  private static final int CHUNK = 4096;

  private final float[] x = new float[CHUNK];
  private final float[] y = new float[CHUNK];

  /**
   * Multiplies, or returns false (and changes nothing) unless all three are float arrays of the
   * same shape and strides, each one dense run of memory, on ND4J's CPU backend.
   */
  boolean into(INDArray a, INDArray b, INDArray out) {
    if (!(Nd4j.getExecutioner() instanceof NativeOpExecutioner)
        || !dense(a)
        || !dense(b)
        || !dense(out)
        || !Arrays.equals(a.shape(), b.shape())
        || !Arrays.equals(a.shape(), out.shape())
        || !Arrays.equals(a.stride(), b.stride())
        || !Arrays.equals(a.stride(), out.stride())) {
      return false;
    }
    FloatBuffer ab = a.data().asNioFloat();
    FloatBuffer bb = b.data().asNioFloat();
    FloatBuffer ob = out.data().asNioFloat();
    int aAt = ab.position();
    int bAt = bb.position();
    int oAt = ob.position();
    int n = (int) a.length();
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      ab.get(aAt + start, x, 0, len);
      bb.get(bAt + start, y, 0, len);
      chunk(x, y, len);
      ob.put(oAt + start, x, 0, len);
    }
    return true;
  }

  private static boolean dense(INDArray array) {
    return array.dataType() == DataType.FLOAT
        && array.elementWiseStride() == 1
        && array.length() <= Integer.MAX_VALUE;
  }

  private static void chunk(float[] x, float[] y, int len) {
    for (int i = 0; i < len; i++) {
      x[i] *= y[i];
    }
  }
}
