package dev.dltrack.trainer.init;

import java.util.SplittableRandom;

/**
 * Random orthogonal weights (Saxe et al. 2014), drawn as Keras's {@code Orthogonal} draws them: the
 * QR decomposition of a Gaussian matrix, with Q's columns multiplied by the signs of R's diagonal
 * so that Q is uniformly (Haar) distributed rather than biased by the decomposition's sign
 * convention; gain 1. A {@code [fanIn, fanOut]} matrix has orthonormal columns when {@code fanIn >=
 * fanOut} ({@code WᵀW = I}) and orthonormal rows otherwise ({@code WWᵀ = I}).
 */
final class Orthogonal {
  private Orthogonal() {}

  /** Row-major {@code [fanIn, fanOut]} orthogonal weights. */
  static double[] sample(int fanIn, int fanOut, SplittableRandom random) {
    int rows = Math.max(fanIn, fanOut);
    int cols = Math.min(fanIn, fanOut);
    // Column-major (a[col][row]), as Householder works on columns; filled in row-major order.
    double[][] a = new double[cols][rows];
    for (int row = 0; row < rows; row++) {
      for (int col = 0; col < cols; col++) {
        a[col][row] = random.nextGaussian();
      }
    }
    double[][] q = orthonormalColumns(a);
    double[] weights = new double[fanIn * fanOut];
    for (int col = 0; col < cols; col++) {
      for (int row = 0; row < rows; row++) {
        // Tall: W = Q. Wide: W = Qᵀ.
        weights[fanIn >= fanOut ? row * fanOut + col : col * fanOut + row] = q[col][row];
      }
    }
    return weights;
  }

  /**
   * The thin Q of {@code a = QR} (Householder; {@code a} column-major, tall, overwritten), with its
   * columns' signs made those of R's diagonal, i.e. the Q for which R's diagonal is positive.
   */
  private static double[][] orthonormalColumns(double[][] a) {
    int n = a.length;
    int m = a[0].length;
    double[][] reflectors = new double[n][];
    double[] rDiagonal = new double[n];
    for (int k = 0; k < n; k++) {
      double[] x = a[k];
      double norm = Math.sqrt(dot(x, x, k));
      // Reflect x onto -sign(x_k)·|x|·e_k, which avoids cancellation in v = x - alpha·e_k.
      double alpha = x[k] > 0 ? -norm : norm;
      double[] v = x.clone();
      v[k] -= alpha;
      double vNorm = Math.sqrt(dot(v, v, k));
      for (int i = k; i < m; i++) {
        v[i] = vNorm == 0 ? 0 : v[i] / vNorm;
      }
      reflectors[k] = v;
      rDiagonal[k] = alpha;
      for (int j = k + 1; j < n; j++) {
        reflect(v, a[j], k);
      }
    }
    // Q = H_0 ... H_{n-1} applied to the first n columns of the identity. H_k leaves rows < k
    // alone, and columns j < k of the product so far are still e_j there, so they are skipped.
    double[][] q = new double[n][m];
    for (int j = 0; j < n; j++) {
      q[j][j] = 1;
    }
    for (int k = n - 1; k >= 0; k--) {
      for (int j = k; j < n; j++) {
        reflect(reflectors[k], q[j], k);
      }
    }
    for (int j = 0; j < n; j++) {
      if (rDiagonal[j] < 0) {
        for (int i = 0; i < m; i++) {
          q[j][i] = -q[j][i];
        }
      }
    }
    return q;
  }

  /** {@code y = (I - 2vvᵀ) y} on rows {@code from..}, where v is a unit vector. */
  private static void reflect(double[] v, double[] y, int from) {
    double scale = 2 * dot(v, y, from);
    for (int i = from; i < y.length; i++) {
      y[i] -= scale * v[i];
    }
  }

  private static double dot(double[] x, double[] y, int from) {
    double sum = 0;
    for (int i = from; i < x.length; i++) {
      sum += x[i] * y[i];
    }
    return sum;
  }
}
