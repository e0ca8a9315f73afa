package dev.dltrack.tracker.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.lang.reflect.Field;

/**
 * The loss and accuracy of DJL's usual classifier ({@code SoftmaxCrossEntropyLoss} with its
 * defaults: logits, sparse labels, weight 1; {@code Accuracy} on the class axis) computed in Java
 * from one copy each of a batch's logits and labels: the same values as DJL's own ops (in double
 * rather than float), without the dozen engine ops (each some 10 µs on PyTorch's CPU engine) that
 * DJL's loss and evaluator cost per batch, several percent of a small MLP's iteration.
 */
final class SoftmaxInJava {
  /** The mean loss of a batch, and its correct predictions among how many. */
  record Result(double loss, long correct, long count) {}

  private SoftmaxInJava() {}

  /** Whether {@code loss} is one this class computes exactly. */
  static boolean handles(Loss loss) {
    if (loss == null || loss.getClass() != SoftmaxCrossEntropyLoss.class) {
      return false;
    }
    try {
      return field(loss, "fromLogit", Boolean.class)
          && field(loss, "sparseLabel", Boolean.class)
          && field(loss, "weight", Float.class) == 1f
          && field(loss, "classAxis", Integer.class) == -1;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code evaluator} is DJL's plain accuracy on axis 1. */
  static boolean handles(Evaluator evaluator) {
    if (evaluator == null || evaluator.getClass() != Accuracy.class) {
      return false;
    }
    try {
      return field(evaluator, "axis", Integer.class) == 1;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static <T> T field(Object o, String name, Class<T> type)
      throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return type.cast(f.get(o));
      } catch (NoSuchFieldException e) {
        // a superclass may declare it
      }
    }
    throw new NoSuchFieldException(name);
  }

  /**
   * The batch's loss and accuracy from logits {@code [n, k]} (float) and class indices {@code [n]}
   * (or {@code [n, 1]}, any integer or float type); null for other shapes, which DJL's own ops then
   * compute.
   */
  static Result evaluate(NDList labels, NDList predictions) {
    NDArray p = predictions.head();
    NDArray y = labels.head();
    long[] ps = p.getShape().getShape();
    if (ps.length != 2 || p.getDataType() != DataType.FLOAT32 || y.size() != ps[0]) {
      return null;
    }
    int n = (int) ps[0];
    int k = (int) ps[1];
    long[] truth = classes(y);
    if (truth == null) {
      return null;
    }
    float[] logits = p.toFloatArray();
    double loss = 0;
    long correct = 0;
    for (int i = 0; i < n; i++) {
      int from = i * k;
      float max = Float.NEGATIVE_INFINITY;
      int best = 0;
      for (int j = 0; j < k; j++) {
        if (logits[from + j] > max) {
          max = logits[from + j];
          best = j;
        }
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp((double) logits[from + j] - max);
      }
      long t = truth[i];
      if (t < 0 || t >= k) {
        return null;
      }
      loss += -((double) logits[from + (int) t] - max - Math.log(sum));
      if (best == t) {
        correct++;
      }
    }
    return new Result(loss / n, correct, n);
  }

  private static long[] classes(NDArray y) {
    return switch (y.getDataType()) {
      case INT64 -> y.toLongArray();
      case INT32 -> {
        int[] v = y.toIntArray();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          out[i] = v[i];
        }
        yield out;
      }
      case FLOAT32 -> {
        float[] v = y.toFloatArray();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          out[i] = (long) v[i];
        }
        yield out;
      }
      default -> null;
    };
  }
}
