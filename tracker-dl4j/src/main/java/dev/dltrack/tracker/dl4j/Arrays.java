package dev.dltrack.tracker.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies ND4J arrays into plain Java arrays. */
final class Arrays {
  private Arrays() {}

  /**
   * The elements of {@code a} as a new float array. A view's buffer is shared with other arrays,
   * so the values are copied into a fresh contiguous array first.
   */
  static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  /** A short array's elements one by one: cheaper than any ND4J op for a few values. */
  static float[] small(INDArray a) {
    float[] out = new float[(int) a.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.getFloat(i);
    }
    return out;
  }

  /**
   * The elements of a vector or matrix in row-major order. A whole, densely laid out float array
   * is read straight from its buffer (reordered in Java if column-major); anything else is copied
   * through ND4J first.
   */
  static float[] rowMajor(INDArray a) {
    boolean whole =
        a.dataType() == DataType.FLOAT
            && a.rank() <= 2
            && a.offset() == 0
            && a.data().length() == a.length()
            && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a);
    if (!whole) {
      return floats(a);
    }
    float[] data = a.data().asFloat();
    if (a.ordering() == 'c' || a.rank() < 2 || a.rows() == 1 || a.columns() == 1) {
      return data;
    }
    int rows = (int) a.rows();
    int cols = (int) a.columns();
    float[] out = new float[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = data[j * rows + i];
      }
    }
    return out;
  }
}
