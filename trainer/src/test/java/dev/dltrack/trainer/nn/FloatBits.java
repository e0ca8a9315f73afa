package dev.dltrack.trainer.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The raw bits of an array's floats, row by row: what the kernels' tests compare. */
final class FloatBits {
  private FloatBits() {}

  static int[] of(INDArray a) {
    float[] f = a.reshape(a.length()).toFloatVector();
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Float.floatToRawIntBits(f[i]);
    }
    return out;
  }
}
