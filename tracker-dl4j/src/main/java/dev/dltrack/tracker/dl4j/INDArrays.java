package dev.dltrack.tracker.dl4j;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Reads ND4J arrays into Java. Every ND4J op costs tens of microseconds whatever its size, so
 * where the memory layout allows it, values are read straight from the array's native buffer.
 */
final class INDArrays {
  private INDArrays() {}

  /**
   * The elements of {@code a} as a new float array, in the order they lie in memory (the right
   * thing for histograms and sums, where order does not matter).
   */
  static float[] values(INDArray a) {
    return values(a, null);
  }

  /**
   * As {@link #values(INDArray)}, into {@code reuse} where it has the right length and {@code a}
   * can be read straight from its buffer (a copy kept from one minibatch to the next).
   */
  static float[] values(INDArray a, float[] reuse) {
    FloatBuffer direct = direct(a);
    if (direct == null) {
      return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
    float[] out = reuse != null && reuse.length == a.length() ? reuse : new float[(int) a.length()];
    direct.get(out);
    return out;
  }

  /**
   * The elements of {@code a} as a buffer over its native memory, positioned at its first element
   * and limited to its last, or null when {@code a} is not float or not one contiguous run.
   */
  static FloatBuffer direct(INDArray a) {
    if (a.dataType() != DataType.FLOAT || !Shape.isContiguousInBuffer(a)) {
      return null;
    }
    FloatBuffer all = a.data().asNioFloat();
    int from = (int) a.offset();
    return all.position(from).limit(from + (int) a.length()).slice();
  }

  /**
   * A short array's elements in row-major order, cheaper than any ND4J op: a contiguous float
   * vector (a bias) in one read from its buffer, anything else element by element.
   */
  static float[] small(INDArray a) {
    float[] out = new float[(int) a.length()];
    FloatBuffer direct = a.isVector() || a.length() == 1 ? direct(a) : null;
    if (direct != null) {
      direct.get(out);
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = a.getFloat(i);
    }
    return out;
  }

  /**
   * The elements of a vector or matrix in row-major order. A float array laid out densely, on its
   * own or as a block of rows of a larger one (as a data iterator's minibatch views are), is read
   * straight from its buffer and reordered in Java if column-major; anything else is copied
   * through ND4J first.
   */
  static float[] rowMajor(INDArray a) {
    FloatBuffer direct =
        a.rank() <= 2 && Shape.hasDefaultStridesForShape(a) ? direct(a) : null;
    if (direct == null) {
      return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
    float[] data = new float[(int) a.length()];
    direct.get(data);
    if (a.ordering() == 'c' || a.rank() < 2 || a.rows() == 1 || a.columns() == 1) {
      return data;
    }
    int rows = a.rows();
    int cols = a.columns();
    float[] out = new float[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = data[j * rows + i];
      }
    }
    return out;
  }

  /**
   * The first {@code n} columns of matrix {@code m}, each as an array of its {@code rows}
   * elements. A column-major matrix laid out densely (as DL4J's weight views are) holds each
   * column as one run of memory, so only those runs are read; anything else is read whole in
   * row-major order first.
   */
  static float[][] leadingColumns(INDArray m, int n) {
    int rows = m.rows();
    int cols = m.columns();
    if (n < 0 || n > cols) {
      throw new IllegalArgumentException("cannot take " + n + " of the " + cols + " columns");
    }
    float[][] out = new float[n][rows];
    FloatBuffer direct =
        m.rank() == 2 && m.ordering() == 'f' && Shape.hasDefaultStridesForShape(m) ? direct(m) : null;
    if (direct != null) {
      for (int u = 0; u < n; u++) {
        direct.get(u * rows, out[u]);
      }
      return out;
    }
    float[] all = rowMajor(m);
    for (int i = 0; i < rows; i++) {
      for (int u = 0; u < n; u++) {
        out[u][i] = all[i * cols + u];
      }
    }
    return out;
  }
}
