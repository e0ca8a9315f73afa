package dev.dltrack.trainer.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's {@code adam_updater} op (1.0.0-M2.1, float32), preceded by DL4J's division of the gradient
 * by the minibatch size, computed in Java on arrays that the JIT's C2 compiler vectorizes: the same
 * values, float bit for float bit.
 *
 * <p>libnd4j's loop (helpers/cpu/updaterAdam.cpp, built with FMA contraction) computes per element
 * {@code m = fma(b1, m, g * (1 - b1))}, {@code v = fma(b2, v, g * g * (1 - b2))} and the update
 * {@code m * epsT / (sqrt(v) + eps)}, with {@code epsT = lr * sqrt(1 - b2^t) / (1 - b1^t)} in
 * float, its square root and division in double; the powers are libnd4j's own {@code pow}, taken
 * here from ND4J's scalar pow op so that they are the very same bits. Its square root and division
 * are scalar there; here C2 turns them into vector instructions (the C1 compiler alone does not,
 * and is then no faster than the op). Memory is read and written in chunks that stay in the core's
 * cache, through the buffers' NIO views.
 */
final class AdamStep {
  /** Elements per chunk: three float arrays of 16 KiB. */
  private static final int CHUNK = 4096;

  private final float[] g = new float[CHUNK];
  private final float[] m = new float[CHUNK];
  private final float[] v = new float[CHUNK];
  private final INDArray betas; // [b1, b2], outside any workspace
  private final INDArray powers; // [b1^t, b2^t]

  @SuppressWarnings("try") // the scope is the try's point: its body allocates outside workspaces
  AdamStep() {
    try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      betas = Nd4j.createUninitialized(DataType.FLOAT, 2);
      powers = Nd4j.createUninitialized(DataType.FLOAT, 2);
    }
  }

  /**
   * One step on {@code n} elements: the gradient (divided by {@code batch} first when {@code batch}
   * is positive) becomes the update, and the states {@code m} and {@code v} are updated in place,
   * each array given as a float buffer and the index of its first element.
   */
  void apply(
      FloatBuffer grad,
      int gradAt,
      FloatBuffer mState,
      int mAt,
      FloatBuffer vState,
      int vAt,
      int n,
      int batch,
      double lr,
      double beta1,
      double beta2,
      double epsilon,
      int iteration) {
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float eps = (float) epsilon;
    // the op: T iteration = iteration; pow(beta, iteration + 1) in T
    betas.putScalar(0, b1);
    betas.putScalar(1, b2);
    Nd4j.getExecutioner().exec(new Pow(betas, powers, (float) iteration + 1f));
    float b1t = powers.getFloat(0);
    float b2t = powers.getFloat(1);
    float epsT = (float) (((float) lr * (float) Math.sqrt((float) (1. - b2t))) / (1.0 - b1t));
    if (Float.isNaN(epsT) || epsT == 0 || Float.isInfinite(epsT)) {
      epsT = eps;
    }
    // without a minibatch division, a division by 1: exact, so the op's values all the same
    float divisor = batch > 0 ? (float) batch : 1f;
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      grad.get(gradAt + start, g, 0, len);
      mState.get(mAt + start, m, 0, len);
      vState.get(vAt + start, v, 0, len);
      chunk(g, m, v, len, divisor, b1, b2, epsT, eps);
      grad.put(gradAt + start, g, 0, len);
      mState.put(mAt + start, m, 0, len);
      vState.put(vAt + start, v, 0, len);
    }
  }

  private static void chunk(
      float[] g,
      float[] m,
      float[] v,
      int len,
      float divisor,
      float b1,
      float b2,
      float epsT,
      float eps) {
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    for (int i = 0; i < len; i++) {
      float gi = g[i] / divisor;
      float mi = Math.fma(b1, m[i], gi * c1);
      float vi = Math.fma(b2, v[i], gi * gi * c2);
      m[i] = mi;
      v[i] = vi;
      g[i] = mi * epsT / ((float) Math.sqrt(vi) + eps);
    }
  }
}
