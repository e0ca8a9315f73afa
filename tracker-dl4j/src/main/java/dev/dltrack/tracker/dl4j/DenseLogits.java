package dev.dltrack.tracker.dl4j;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The logits {@code input · W} of one dense output layer, once per minibatch, into a buffer kept
 * from one minibatch to the next (made again only when the minibatch size changes).
 *
 * <p>On ND4J's CPU backend, float matrices laid out densely go straight to the OpenBLAS {@code
 * cblas_sgemm} that the backend itself links: an ND4J op ({@code Nd4j.gemm}) adds about 25 µs of
 * op machinery to the study's 128×128×10 product, which on its own takes about 20 µs, and the
 * listener pays it every minibatch. Anything else (another backend, doubles, strided views) goes
 * through {@code Nd4j.gemm}.
 */
final class DenseLogits {
  private final boolean cpuBackend = Nd4j.getExecutioner() instanceof NativeOpExecutioner;
  /** Row-major {@code [rows, classes]}, outside any workspace. */
  private INDArray buffer;

  /**
   * The logits of {@code input [rows, k]} for the weights {@code w [k, classes]}, row-major, in a
   * new array.
   */
  @SuppressWarnings("try") // the workspace scope is the try's whole point: its body allocates outside
  float[] of(INDArray input, INDArray w) {
    if (buffer == null
        || buffer.rows() != input.rows()
        || buffer.columns() != w.columns()
        || buffer.dataType() != input.dataType()) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        buffer = Nd4j.create(input.dataType(), new long[] {input.rows(), w.columns()}, 'c');
      }
    }
    if (cpuBackend && dense(input) && dense(w)) {
      cblas(input, w, buffer);
    } else {
      Nd4j.gemm(input, w, buffer, false, false, 1.0, 0.0);
    }
    return INDArrays.rowMajor(buffer);
  }

  /** A float matrix that is one dense run of memory in either order, so BLAS can read it as is. */
  private static boolean dense(INDArray m) {
    return m.rank() == 2
        && m.dataType() == DataType.FLOAT
        && Shape.hasDefaultStridesForShape(m)
        && Shape.isContiguousInBuffer(m);
  }

  /**
   * {@code c = a · b} with {@code c} row-major: a column-major operand is, read row-major, its
   * transpose, so it is passed transposed with its column length as leading dimension.
   */
  private static void cblas(INDArray a, INDArray b, INDArray c) {
    int m = a.rows();
    int k = a.columns();
    int n = b.columns();
    boolean aRowMajor = a.ordering() == 'c' || m == 1;
    boolean bRowMajor = b.ordering() == 'c' || k == 1;
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        aRowMajor ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans,
        bRowMajor ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans,
        m, n, k,
        1f, pointer(a), aRowMajor ? k : m,
        pointer(b), bRowMajor ? n : k,
        0f, pointer(c), n);
  }

  /** The array's first element: a view's buffer starts at the view (as ND4J's own BLAS calls use it). */
  private static FloatPointer pointer(INDArray a) {
    return new FloatPointer(a.data().addressPointer());
  }
}
