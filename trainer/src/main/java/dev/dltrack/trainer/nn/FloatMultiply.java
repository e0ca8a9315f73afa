package dev.dltrack.trainer.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise {@code out = a * b} of float arrays in Java, which C2 vectorizes: what ND4J's {@code
 * MulOp} computes for arrays of one shape (a float product is exactly rounded, so bit for bit the
 * same), without the op's fixed cost. In 1.0.0-M2.1 each custom op makes a random UUID for its name
 * and an op context that goes through ND4J's deallocator service, which cost more than multiplying
 * a 128 × 256 batch. {@code out} may be {@code a} or {@code b}.
 */
final class FloatMultiply extends ElementwiseKernel {
  /**
   * Multiplies, or returns false (and changes nothing) unless all three are float arrays of the
   * same shape and strides, each one dense run of memory, on ND4J's CPU backend.
   */
  boolean into(INDArray a, INDArray b, INDArray out) {
    if (!alike(a, b, out)) {
      return false;
    }
    apply(a, b, out);
    return true;
  }

  @Override
  void chunk(float[] x, float[] y, int len) {
    for (int i = 0; i < len; i++) {
      x[i] *= y[i];
    }
  }
}
