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
}
