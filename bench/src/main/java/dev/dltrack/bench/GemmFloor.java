package dev.dltrack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The least time one training iteration of an MLP can take in matrix products: the iteration's
 * minimal GEMM FLOPs at the best single-precision GEMM rate measured on this machine.
 *
 * <p>The minimal GEMMs of one iteration are, per layer, the forward product {@code x·W} and the
 * weight gradient {@code xᵀ·δ}, and for every layer but the first the input gradient {@code δ·Wᵀ}
 * (the first layer's is never used): 8 products, 129 MFLOP for 784-256-128-10 at batch 128. Each
 * is timed in the layout and transpose variant training uses, into a preallocated output, in
 * every way the class path offers: ND4J's {@code Nd4j.gemm}, ND4J's {@code mmuli} (what DL4J's
 * forward pass calls) and OpenBLAS's {@code cblas_sgemm} called directly (the library ND4J links,
 * without ND4J in between). The floor takes the best rate of all of them for all the FLOPs, so no
 * training can beat it on this machine with this BLAS; the same products at each one's own best
 * rate are reported beside it (the small ones run slower).
 */
final class GemmFloor {
  /** One product {@code C[m,n] = op(A)·op(B)}, as a training iteration issues it. */
  record Gemm(String name, int m, int n, int k, char orderA, boolean transA, char orderB, boolean transB,
      char orderC) {
    double flops() {
      return 2.0 * m * n * k;
    }
  }

  /** One way of computing a {@link Gemm}, timed: the best seconds per call over repetitions. */
  record Timing(Gemm gemm, String way, double seconds) {
    double rate() {
      return gemm.flops() / seconds;
    }
  }

  private final List<Timing> timings;
  private final List<Gemm> gemms;

  private GemmFloor(List<Gemm> gemms, List<Timing> timings) {
    this.gemms = List.copyOf(gemms);
    this.timings = List.copyOf(timings);
  }

  /**
   * The products of one iteration of an MLP with {@code widths} (input first) at {@code batch},
   * in DL4J's layouts: activations and their gradients row-major ('c'), weights and weight
   * gradients column-major ('f'), the input gradient column-major before DL4J transposes it.
   */
  static List<Gemm> iteration(int batch, int... widths) {
    List<Gemm> gemms = new ArrayList<>();
    for (int l = 0; l < widths.length - 1; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      gemms.add(new Gemm("layer " + l + " forward x·W", batch, out, in, 'c', false, 'f', false, 'c'));
      gemms.add(new Gemm("layer " + l + " weight gradient xᵀ·δ", in, out, batch, 'c', true, 'c', false, 'f'));
      if (l > 0) {
        gemms.add(new Gemm("layer " + l + " input gradient W·δᵀ", in, batch, out, 'f', false, 'c', true, 'f'));
      }
    }
    return gemms;
  }

  /**
   * Times every product of {@code gemms} in every way, after checking that all ways compute the
   * same product from the same operands.
   */
  static GemmFloor measure(List<Gemm> gemms) {
    List<Timing> timings = new ArrayList<>();
    for (Gemm g : gemms) {
      INDArray a = a(g);
      INDArray b = b(g);
      INDArray viaGemm = output(g);
      INDArray viaMmuli = output(g);
      INDArray viaCblas = output(g);
      Runnable[] ways = {nd4jGemm(g, a, b, viaGemm), mmuli(g, a, b, viaMmuli), cblas(g, a, b, viaCblas)};
      for (Runnable way : ways) {
        way.run();
      }
      INDArray expected = (g.transA() ? a.transpose() : a).mmul(g.transB() ? b.transpose() : b);
      for (INDArray c : List.of(viaGemm, viaMmuli, viaCblas)) {
        double error = c.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
        if (!(error < 1e-5)) {
          throw new IllegalStateException(String.format(Locale.ROOT,
              "%s: a way of computing it differs from ND4J's mmul by %.3g (relative)", g.name(), error));
        }
      }
      timings.add(new Timing(g, "Nd4j.gemm", time(ways[0])));
      timings.add(new Timing(g, "INDArray.mmuli", time(ways[1])));
      timings.add(new Timing(g, "cblas_sgemm", time(ways[2])));
    }
    return new GemmFloor(gemms, timings);
  }

  double iterationFlops() {
    return gemms.stream().mapToDouble(Gemm::flops).sum();
  }

  /** The best rate measured, of any product in any way. */
  Timing best() {
    return timings.stream().max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
  }

  /** The floor: the iteration's FLOPs at the best rate. */
  double iterationSeconds() {
    return iterationFlops() / best().rate();
  }

  /** The same products, each at its own fastest way: what a training iteration's GEMMs can cost. */
  double iterationSecondsEachAtItsBest() {
    double s = 0;
    for (Gemm g : gemms) {
      s += timings.stream().filter(t -> t.gemm().equals(g)).mapToDouble(Timing::seconds).min().orElseThrow();
    }
    return s;
  }

  /** A table of every product and way, then the floor. */
  String describe() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-34s %-18s %8s %8s%n", "GEMM (m x n x k)", "way", "µs", "GFLOP/s"));
    for (Timing t : timings) {
      Gemm g = t.gemm();
      out.append(String.format(Locale.ROOT, "%-34s %-18s %8.1f %8.1f%n",
          g.name() + " (" + g.m() + "x" + g.n() + "x" + g.k() + ")", t.way(), t.seconds() * 1e6, t.rate() / 1e9));
    }
    Timing best = best();
    out.append(String.format(Locale.ROOT,
        "best rate: %.1f GFLOP/s (%s, %s); floor: %.1f MFLOP per iteration at that rate = %.3f ms per iteration;"
            + " the same %d GEMMs each at its own best: %.3f ms%n",
        best.rate() / 1e9, best.gemm().name(), best.way(), iterationFlops() / 1e6, iterationSeconds() * 1e3,
        gemms.size(), iterationSecondsEachAtItsBest() * 1e3));
    return out.toString();
  }

  private static INDArray operand(int rows, int cols, char order) {
    return Nd4j.rand(DataType.FLOAT, rows, cols).dup(order);
  }

  /** A as stored: op(A) is [m, k]; stored transposed when transA. */
  private static INDArray a(Gemm g) {
    return g.transA() ? operand(g.k(), g.m(), g.orderA()) : operand(g.m(), g.k(), g.orderA());
  }

  private static INDArray b(Gemm g) {
    return g.transB() ? operand(g.n(), g.k(), g.orderB()) : operand(g.k(), g.n(), g.orderB());
  }

  private static INDArray output(Gemm g) {
    return Nd4j.zeros(DataType.FLOAT, g.m(), g.n()).dup(g.orderC());
  }

  private static Runnable nd4jGemm(Gemm g, INDArray a, INDArray b, INDArray c) {
    return () -> Nd4j.gemm(a, b, c, g.transA(), g.transB(), 1.0, 0.0);
  }

  private static Runnable mmuli(Gemm g, INDArray a, INDArray b, INDArray c) {
    INDArray opA = g.transA() ? a.transpose() : a;
    INDArray opB = g.transB() ? b.transpose() : b;
    return () -> opA.mmuli(opB, c);
  }

  /**
   * OpenBLAS directly on the arrays' memory, in the major order of C: an operand stored in the
   * other order is, in that major order, the transpose of what it holds, so its flag flips.
   */
  private static Runnable cblas(Gemm g, INDArray a, INDArray b, INDArray c) {
    boolean rowMajor = g.orderC() == 'c';
    int major = rowMajor ? openblas_nolapack.CblasRowMajor : openblas_nolapack.CblasColMajor;
    int aRows = a.rows();
    int aCols = a.columns();
    int bRows = b.rows();
    int bCols = b.columns();
    boolean flipA = (a.ordering() == 'c') != rowMajor;
    boolean flipB = (b.ordering() == 'c') != rowMajor;
    // leading dimension: the stored row length (row-major) or column length (column-major)
    int lda = a.ordering() == 'c' ? aCols : aRows;
    int ldb = b.ordering() == 'c' ? bCols : bRows;
    int ldc = rowMajor ? g.n() : g.m();
    int transA = (g.transA() != flipA) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int transB = (g.transB() != flipB) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    FloatPointer pa = pointer(a);
    FloatPointer pb = pointer(b);
    FloatPointer pc = pointer(c);
    return () -> openblas_nolapack.cblas_sgemm(
        major, transA, transB, g.m(), g.n(), g.k(), 1f, pa, lda, pb, ldb, 0f, pc, ldc);
  }

  private static FloatPointer pointer(INDArray array) {
    if (array.offset() != 0 || array.isView()) {
      throw new IllegalArgumentException("expected an array of its own, got a view");
    }
    return new FloatPointer(array.data().addressPointer());
  }

  /**
   * Seconds per call: the best of many short repetitions (about 0.5 ms of calls each, for about
   * 0.3 s in all), after a warm-up. The best, not the median: on a shared machine other work only
   * ever slows a GEMM down, a short repetition often runs untouched, and the floor is what the
   * machine can do.
   */
  private static double time(Runnable gemm) {
    long w0 = System.nanoTime();
    int warm = 0;
    while (System.nanoTime() - w0 < 100_000_000L || warm < 20) {
      gemm.run();
      warm++;
    }
    double perCall = (System.nanoTime() - w0) / 1e9 / warm;
    int calls = (int) Math.max(1, Math.min(10_000, 0.0005 / perCall));
    int reps = (int) Math.max(15, Math.min(2_000, 0.3 / (perCall * calls)));
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        gemm.run();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e9 / calls);
    }
    return best;
  }
}
