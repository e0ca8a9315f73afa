package dev.dltrack.trainer.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Training data for the layers' bit-for-bit tests: uniform features, random one-hot labels. */
final class RandomBatches {
  private RandomBatches() {}

  /**
   * {@code n} rows of {@code features} uniform floats and a one-hot label of {@code classes}, in
   * batches of {@code batch} (the last one shorter when {@code batch} does not divide {@code n}),
   * drawn from {@code SplittableRandom(seed)}.
   */
  static List<DataSet> of(int n, int batch, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<DataSet> batches = new ArrayList<>();
    for (int from = 0; from < n; from += batch) {
      int rows = Math.min(batch, n - from);
      float[] x = new float[rows * features];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      float[] y = new float[rows * classes];
      for (int r = 0; r < rows; r++) {
        y[r * classes + random.nextInt(classes)] = 1;
      }
      batches.add(
          new DataSet(
              Nd4j.create(x, new long[] {rows, features}, 'c'),
              Nd4j.create(y, new long[] {rows, classes}, 'c')));
    }
    return batches;
  }
}
