package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable precision-recall curve at {@link #thresholds()} thresholds evenly spaced over {@code
 * [0, 1]} (threshold {@code i} is {@code i / (thresholds - 1)}): the counts of true and false
 * positives and negatives of predicting "positive" when the probability is at least the threshold,
 * and the precision and recall they give.
 *
 * <p>Computed exactly as TensorBoard's {@code pr_curve} summary and tensorboardX compute it: a
 * prediction {@code p} falls in bucket {@code floor(p * (thresholds - 1))}, the counts at threshold
 * {@code i} are the positives and negatives in buckets {@code >= i}, precision is {@code tp /
 * max(tp + fp, 1e-7)} and recall {@code tp / max(tp + fn, 1e-7)}.
 */
public final class PrCurve {
  /** The number of thresholds unless told otherwise, as in tensorboardX. */
  public static final int DEFAULT_THRESHOLDS = 127;

  /** The most thresholds a curve may have. */
  public static final int MAX_THRESHOLDS = 10_000;

  /** The floor of the denominators of precision and recall, as TensorBoard's. */
  static final double MINIMUM_COUNT = 1e-7;

  private final double[] tp;
  private final double[] fp;
  private final double[] tn;
  private final double[] fn;
  private final double[] precision;
  private final double[] recall;

  private PrCurve(
      double[] tp, double[] fp, double[] tn, double[] fn, double[] precision, double[] recall) {
    this.tp = tp;
    this.fp = fp;
    this.tn = tn;
    this.fn = fn;
    this.precision = precision;
    this.recall = recall;
  }

  /** The curve of a binary prediction at {@value #DEFAULT_THRESHOLDS} thresholds. */
  public static PrCurve of(boolean[] labels, float[] probabilities) {
    return of(labels, probabilities, DEFAULT_THRESHOLDS);
  }

  /**
   * The curve of a binary prediction: {@code labels[i]} is whether example {@code i} is positive,
   * {@code probabilities[i]} (in {@code [0, 1]}) the predicted probability that it is.
   */
  public static PrCurve of(boolean[] labels, float[] probabilities, int thresholds) {
    requireNonNull(labels, "labels");
    requireNonNull(probabilities, "probabilities");
    checkThresholds(thresholds);
    checkArgument(labels.length > 0, "no predictions: labels and probabilities are empty");
    checkArgument(
        labels.length == probabilities.length,
        "%s labels but %s probabilities",
        labels.length,
        probabilities.length);
    double[] tpBuckets = new double[thresholds];
    double[] fpBuckets = new double[thresholds];
    for (int i = 0; i < labels.length; i++) {
      int b = bucket(probabilities[i], thresholds, i);
      if (labels[i]) {
        tpBuckets[b]++;
      } else {
        fpBuckets[b]++;
      }
    }
    return fromBuckets(tpBuckets, fpBuckets);
  }

  /**
   * One curve per class at {@value #DEFAULT_THRESHOLDS} thresholds; see {@link #perClass(int[],
   * float[][], int)}.
   */
  public static List<PrCurve> perClass(int[] labels, float[][] probabilities) {
    return perClass(labels, probabilities, DEFAULT_THRESHOLDS);
  }

  /**
   * One curve per class of a multi-class prediction, as one-vs-rest: {@code labels[i]} is the class
   * of example {@code i} (in {@code [0, classes)}), {@code probabilities[i][c]} (in {@code [0, 1]})
   * the predicted probability that it is of class {@code c}. Curve {@code c} treats examples of
   * class {@code c} as positives and scores them by {@code probabilities[i][c]}.
   */
  public static List<PrCurve> perClass(int[] labels, float[][] probabilities, int thresholds) {
    requireNonNull(labels, "labels");
    requireNonNull(probabilities, "probabilities");
    checkThresholds(thresholds);
    checkArgument(labels.length > 0, "no predictions: labels and probabilities are empty");
    checkArgument(
        labels.length == probabilities.length,
        "%s labels but %s rows of probabilities",
        labels.length,
        probabilities.length);
    requireNonNull(probabilities[0], "probabilities row 0");
    int classes = probabilities[0].length;
    checkArgument(classes >= 1, "probabilities row 0 has no classes");
    double[][] tpBuckets = new double[classes][thresholds];
    double[][] fpBuckets = new double[classes][thresholds];
    for (int i = 0; i < labels.length; i++) {
      float[] row = probabilities[i];
      checkArgument(
          row != null && row.length == classes,
          "probabilities row %s has %s classes, row 0 has %s",
          i,
          row == null ? "no" : row.length,
          classes);
      int label = labels[i];
      checkArgument(
          label >= 0 && label < classes,
          "label %s of example %s is not a class in [0, %s)",
          label,
          i,
          classes);
      for (int c = 0; c < classes; c++) {
        int b = bucket(row[c], thresholds, i);
        if (c == label) {
          tpBuckets[c][b]++;
        } else {
          fpBuckets[c][b]++;
        }
      }
    }
    List<PrCurve> out = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      out.add(fromBuckets(tpBuckets[c], fpBuckets[c]));
    }
    return out;
  }

  /**
   * A curve from precomputed counts at each threshold (as tensorboardX's {@code add_pr_curve_raw});
   * precision and recall are derived from them. The four arrays must have one length, at least 2;
   * counts must be finite and {@code >= 0}.
   */
  public static PrCurve ofCounts(
      double[] truePositives,
      double[] falsePositives,
      double[] trueNegatives,
      double[] falseNegatives) {
    requireNonNull(truePositives, "truePositives");
    requireNonNull(falsePositives, "falsePositives");
    requireNonNull(trueNegatives, "trueNegatives");
    requireNonNull(falseNegatives, "falseNegatives");
    int n = truePositives.length;
    checkThresholds(n);
    checkArgument(
        falsePositives.length == n && trueNegatives.length == n && falseNegatives.length == n,
        "count arrays must have one length: tp %s, fp %s, tn %s, fn %s",
        n,
        falsePositives.length,
        trueNegatives.length,
        falseNegatives.length);
    checkCounts("true positive", truePositives);
    checkCounts("false positive", falsePositives);
    checkCounts("true negative", trueNegatives);
    checkCounts("false negative", falseNegatives);
    double[] precision = new double[n];
    double[] recall = new double[n];
    for (int i = 0; i < n; i++) {
      precision[i] =
          truePositives[i] / Math.max(MINIMUM_COUNT, truePositives[i] + falsePositives[i]);
      recall[i] = truePositives[i] / Math.max(MINIMUM_COUNT, truePositives[i] + falseNegatives[i]);
    }
    return new PrCurve(
        truePositives.clone(),
        falsePositives.clone(),
        trueNegatives.clone(),
        falseNegatives.clone(),
        precision,
        recall);
  }

  /**
   * A curve as a log stores it: counts, precision and recall as written (TensorBoard stores
   * float32). For readers; the six arrays must have one length, at least 2.
   */
  public static PrCurve ofStored(
      double[] truePositives,
      double[] falsePositives,
      double[] trueNegatives,
      double[] falseNegatives,
      double[] precision,
      double[] recall) {
    int n = truePositives.length;
    checkThresholds(n);
    for (double[] a : List.of(falsePositives, trueNegatives, falseNegatives, precision, recall)) {
      checkArgument(a.length == n, "PR curve arrays must have one length: %s and %s", n, a.length);
    }
    return new PrCurve(
        truePositives.clone(),
        falsePositives.clone(),
        trueNegatives.clone(),
        falseNegatives.clone(),
        precision.clone(),
        recall.clone());
  }

  private static PrCurve fromBuckets(double[] tpBuckets, double[] fpBuckets) {
    int n = tpBuckets.length;
    double[] tp = new double[n];
    double[] fp = new double[n];
    double t = 0;
    double f = 0;
    for (int i = n - 1; i >= 0; i--) {
      t += tpBuckets[i];
      f += fpBuckets[i];
      tp[i] = t;
      fp[i] = f;
    }
    double[] tn = new double[n];
    double[] fn = new double[n];
    double[] precision = new double[n];
    double[] recall = new double[n];
    for (int i = 0; i < n; i++) {
      tn[i] = fp[0] - fp[i];
      fn[i] = tp[0] - tp[i];
      precision[i] = tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fp[i]);
      recall[i] = tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fn[i]);
    }
    return new PrCurve(tp, fp, tn, fn, precision, recall);
  }

  private static int bucket(float p, int thresholds, int example) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "probability of example " + example + " is " + p + ", outside [0, 1]");
    }
    // numpy computes floor(float32 p * (n - 1)) in float32 arithmetic
    return (int) Math.floor(p * (float) (thresholds - 1));
  }

  private static void checkThresholds(int thresholds) {
    checkArgument(
        thresholds >= 2 && thresholds <= MAX_THRESHOLDS,
        "a PR curve needs between 2 and %s thresholds: %s",
        MAX_THRESHOLDS,
        thresholds);
  }

  private static void checkCounts(String what, double[] counts) {
    for (int i = 0; i < counts.length; i++) {
      checkArgument(
          Double.isFinite(counts[i]) && counts[i] >= 0,
          "%s count at threshold %s must be finite and >= 0: %s",
          what,
          i,
          counts[i]);
    }
  }

  /** The number of thresholds. */
  public int thresholds() {
    return tp.length;
  }

  /** Threshold {@code i}: {@code i / (thresholds - 1)}. */
  public double threshold(int i) {
    return (double) i / (tp.length - 1);
  }

  public double[] truePositives() {
    return tp.clone();
  }

  public double[] falsePositives() {
    return fp.clone();
  }

  public double[] trueNegatives() {
    return tn.clone();
  }

  public double[] falseNegatives() {
    return fn.clone();
  }

  public double[] precision() {
    return precision.clone();
  }

  public double[] recall() {
    return recall.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrCurve c
        && Arrays.equals(c.tp, tp)
        && Arrays.equals(c.fp, fp)
        && Arrays.equals(c.tn, tn)
        && Arrays.equals(c.fn, fn)
        && Arrays.equals(c.precision, precision)
        && Arrays.equals(c.recall, recall);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tp) * 31 + Arrays.hashCode(fp);
  }

  @Override
  public String toString() {
    return "PrCurve{"
        + thresholds()
        + " thresholds, positives "
        + tp[0]
        + ", negatives "
        + fp[0]
        + "}";
  }
}
