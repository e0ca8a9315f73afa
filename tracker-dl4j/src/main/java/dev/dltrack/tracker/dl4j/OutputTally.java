package dev.dltrack.tracker.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One output's training metrics over an epoch, as running means over its minibatches (as Keras
 * reports them): accuracy for classification outputs, mean squared and absolute error for
 * regression. Masked entries (padding of variable-length sequences) are left out.
 */
final class OutputTally {
  private final Output output;
  private double hits;
  private double examples;
  private double squaredError;
  private double absoluteError;
  private double entries;

  OutputTally(Output output) {
    this.output = output;
  }

  Output output() {
    return output;
  }

  void reset() {
    hits = 0;
    examples = 0;
    squaredError = 0;
    absoluteError = 0;
    entries = 0;
  }

  /** Counts already made by a caller's faster path. */
  void addHits(double hits, long examples) {
    this.hits += hits;
    this.examples += examples;
  }

  /**
   * Adds one minibatch: {@code predictions} and {@code labels} of rank 2 ({@code [n, k]}), 3 (a
   * time series) or 4 (an image), {@code mask} null, per example (or time step, or pixel) or per
   * entry.
   */
  void add(INDArray predictions, INDArray labels, INDArray mask) {
    if (output.kind() == Output.Kind.NONE || predictions == null || labels == null) {
      return;
    }
    float[] p = INDArrays.values(rows(predictions));
    float[] y = INDArrays.values(rows(labels));
    int k =
        (int)
            (predictions.rank() == 2
                ? predictions.size(1)
                : output.channelsLast()
                    ? predictions.size(predictions.rank() - 1)
                    : predictions.size(1));
    int n = p.length / k;
    float[] w = null;
    boolean perEntry = false;
    if (mask != null) {
      if (mask.length() == n) {
        w = INDArrays.values(mask.dup('c'));
      } else if (mask.length() == p.length && mask.rank() == predictions.rank()) {
        w = INDArrays.values(rows(mask));
        perEntry = true;
      }
    }
    switch (output.kind()) {
      case CLASSES -> classes(p, y, w, perEntry, n, k);
      case BINARY -> binary(p, y, w, perEntry, n, k);
      case REGRESSION -> regression(p, y, w, perEntry, n, k);
      default -> {}
    }
  }

  private void classes(float[] p, float[] y, float[] w, boolean perEntry, int n, int k) {
    boolean sparse = output.sparseLabels() || (y.length == n && k > 1);
    for (int i = 0; i < n; i++) {
      double weight = w == null ? 1 : perEntry ? max(w, i * k, k) : w[i];
      if (weight <= 0) {
        continue;
      }
      int predicted = argMax(p, i * k, k);
      int truth = sparse ? (int) y[i] : argMax(y, i * k, k);
      if (predicted == truth) {
        hits += weight;
      }
      examples += weight;
    }
  }

  private void binary(float[] p, float[] y, float[] w, boolean perEntry, int n, int k) {
    for (int i = 0; i < n * k; i++) {
      double weight = w == null ? 1 : perEntry ? w[i] : w[i / k];
      if (weight <= 0) {
        continue;
      }
      if ((p[i] >= 0.5f) == (y[i] >= 0.5f)) {
        hits += weight;
      }
      examples += weight;
    }
  }

  private void regression(float[] p, float[] y, float[] w, boolean perEntry, int n, int k) {
    for (int i = 0; i < n * k; i++) {
      double weight = w == null ? 1 : perEntry ? w[i] : w[i / k];
      if (weight <= 0) {
        continue;
      }
      double e = (double) p[i] - y[i];
      squaredError += weight * e * e;
      absoluteError += weight * Math.abs(e);
      entries += weight;
    }
  }

  /** Puts the epoch's metrics into {@code metrics}, by tag; nothing when nothing was measured. */
  void addTo(Map<String, Double> metrics) {
    if (examples > 0) {
      metrics.put(output.tag("accuracy"), hits / examples);
    }
    if (entries > 0) {
      metrics.put(output.tag("mse"), squaredError / entries);
      metrics.put(output.tag("mae"), absoluteError / entries);
    }
  }

  /** {@code a} as rows of one example (time step, pixel) each, classes last, row-major. */
  private INDArray rows(INDArray a) {
    INDArray moved =
        switch (a.rank()) {
          case 3 -> output.channelsLast() ? a : a.permute(0, 2, 1);
          case 4 -> output.channelsLast() ? a : a.permute(0, 2, 3, 1);
          default -> a;
        };
    return moved.castTo(DataType.FLOAT).dup('c');
  }

  private static double max(float[] a, int from, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      m = Math.max(m, a[from + j]);
    }
    return m;
  }

  private static int argMax(float[] row, int from, int n) {
    int best = 0;
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (row[from + j] > max) {
        max = row[from + j];
        best = j;
      }
    }
    return best;
  }
}
