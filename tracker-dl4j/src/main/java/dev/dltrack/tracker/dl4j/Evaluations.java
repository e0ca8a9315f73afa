package dev.dltrack.tracker.dl4j;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.Run;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.EvaluationBinary;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCBinary;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.curves.PrecisionRecallCurve;
import org.nd4j.evaluation.regression.RegressionEvaluation;

/**
 * Logs DL4J's own evaluations ({@code net.evaluate(...)}, {@code net.evaluateROC(...)}, {@code
 * net.evaluateRegression(...)}, or any {@code doEvaluation} result) into a {@link Run} as scalars,
 * under a prefix such as {@code val} or {@code test}:
 *
 * <ul>
 *   <li>{@link Evaluation}: {@code <prefix>/accuracy}, {@code <prefix>/precision}, {@code
 *       .../recall}, {@code .../f1} (macro-averaged over classes, as DL4J's {@code stats()}
 *       reports them), and per class {@code <prefix>/precision/<class>}, {@code
 *       .../recall/<class>}, {@code .../f1/<class>}; the confusion matrix as the text {@code
 *       <prefix>/confusion_matrix}, a Markdown table (rows: actual, columns: predicted);
 *   <li>{@link EvaluationBinary}: per output {@code <prefix>/accuracy/<output>}, {@code
 *       .../precision/<output>}, {@code .../recall/<output>}, {@code .../f1/<output>};
 *   <li>{@link ROC}: {@code <prefix>/auc} and {@code <prefix>/auprc}, and its precision-recall
 *       curve as the PR curve {@code <prefix>/pr}; {@link ROCMultiClass} and {@link ROCBinary}:
 *       {@code <prefix>/auc/<class>}, {@code <prefix>/auprc/<class>} and the PR curve {@code
 *       <prefix>/pr/<class>}, and the means as {@code <prefix>/auc} and {@code <prefix>/auprc}.
 *       PR curves have TensorBoard's evenly spaced thresholds; see {@link #prCurve};
 *   <li>{@link RegressionEvaluation}: per column {@code <prefix>/mse/<column>}, {@code
 *       .../mae/<column>}, {@code .../rmse/<column>}, {@code .../r2/<column>}, and their means as
 *       {@code <prefix>/mse}, {@code <prefix>/mae}, {@code <prefix>/rmse}, {@code <prefix>/r2}.
 * </ul>
 *
 * Classes of an {@code Evaluation} and columns are named by its labels or column names when it has them, else
 * by their index. Any other kind of evaluation is refused.
 */
public final class Evaluations {
  private Evaluations() {}

  /**
   * Logs {@code evaluation} at {@code step}, its tags starting with {@code prefix/}.
   *
   * @param run the run to log into
   * @param step the step the values are logged at
   * @param prefix what every tag starts with, before a {@code /}
   * @param evaluation the evaluation to log, of a kind listed above
   */
  public static void log(Run run, long step, String prefix, IEvaluation<?> evaluation) {
    requireNonNull(run, "run");
    requireNonNull(prefix, "prefix");
    requireNonNull(evaluation, "evaluation");
    if (evaluation instanceof Evaluation e) {
      classification(run, step, prefix, e);
    } else if (evaluation instanceof EvaluationBinary e) {
      binary(run, step, prefix, e);
    } else if (evaluation instanceof ROC r) {
      run.scalar(prefix + "/auc", step, r.calculateAUC());
      run.scalar(prefix + "/auprc", step, r.calculateAUCPR());
      run.prCurve(prefix + "/pr", step, prCurve(r.getPrecisionRecallCurve()));
    } else if (evaluation instanceof ROCMultiClass r) {
      for (int c = 0; c < r.getNumClasses(); c++) {
        run.scalar(prefix + "/auc/" + c, step, r.calculateAUC(c));
        run.scalar(prefix + "/auprc/" + c, step, r.calculateAUCPR(c));
        run.prCurve(prefix + "/pr/" + c, step, prCurve(r.getPrecisionRecallCurve(c)));
      }
      run.scalar(prefix + "/auc", step, r.calculateAverageAUC());
      run.scalar(prefix + "/auprc", step, r.calculateAverageAUCPR());
    } else if (evaluation instanceof ROCBinary r) {
      for (int c = 0; c < r.numLabels(); c++) {
        String name = String.valueOf(c);
        run.scalar(prefix + "/auc/" + name, step, r.calculateAUC(c));
        run.scalar(prefix + "/auprc/" + name, step, r.calculateAUCPR(c));
        run.prCurve(prefix + "/pr/" + name, step, prCurve(r.getPrecisionRecallCurve(c)));
      }
      run.scalar(prefix + "/auc", step, r.calculateAverageAuc());
      run.scalar(prefix + "/auprc", step, r.calculateAverageAUCPR());
    } else if (evaluation instanceof RegressionEvaluation r) {
      regression(run, step, prefix, r);
    } else {
      throw new IllegalArgumentException("Evaluations logs Evaluation, EvaluationBinary, ROC, ROCMultiClass, "
          + "ROCBinary and RegressionEvaluation, not " + evaluation.getClass().getName());
    }
  }

  /**
   * DL4J's curve as TensorBoard's: the counts at {@value PrCurve#DEFAULT_THRESHOLDS} thresholds
   * evenly spaced over [0, 1], each taken at DL4J's first threshold at or above it (DL4J's own
   * {@code getPointAtThreshold} rule; exact where DL4J's thresholds are evenly spaced too).
   */
  static PrCurve prCurve(PrecisionRecallCurve curve) {
    int n = PrCurve.DEFAULT_THRESHOLDS;
    double[] thresholds = curve.getThreshold();
    double[] tp = new double[n];
    double[] fp = new double[n];
    double[] tn = new double[n];
    double[] fn = new double[n];
    for (int i = 0; i < n; i++) {
      int idx = Arrays.binarySearch(thresholds, (double) i / (n - 1));
      idx = Math.min(idx < 0 ? -idx - 1 : idx, thresholds.length - 1);
      tp[i] = curve.getTpCount()[idx];
      fp[i] = curve.getFpCount()[idx];
      fn[i] = curve.getFnCount()[idx];
      tn[i] = curve.getTotalCount() - tp[i] - fp[i] - fn[i];
    }
    return PrCurve.ofCounts(tp, fp, tn, fn);
  }

  private static void classification(Run run, long step, String prefix, Evaluation e) {
    int classes = e.getConfusion() == null ? 0 : e.getConfusion().getClasses().size();
    run.scalar(prefix + "/accuracy", step, e.accuracy());
    run.scalar(prefix + "/precision", step, e.precision());
    run.scalar(prefix + "/recall", step, e.recall());
    run.scalar(prefix + "/f1", step, e.f1());
    List<String> labels = e.getLabelsList();
    for (int c = 0; c < classes; c++) {
      String name = className(labels, c);
      run.scalar(prefix + "/precision/" + name, step, e.precision(c));
      run.scalar(prefix + "/recall/" + name, step, e.recall(c));
      run.scalar(prefix + "/f1/" + name, step, e.f1(c));
    }
    if (classes > 0) {
      run.text(prefix + "/confusion_matrix", step, confusionMarkdown(e, labels, classes));
    }
  }

  /** Rows are actual classes, columns predicted ones, as DL4J prints it. */
  static String confusionMarkdown(Evaluation e, List<String> labels, int classes) {
    StringBuilder md = new StringBuilder("| actual \\ predicted |");
    for (int c = 0; c < classes; c++) {
      md.append(' ').append(escape(className(labels, c))).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(classes)).append('\n');
    for (int a = 0; a < classes; a++) {
      md.append("| ").append(escape(className(labels, a))).append(" |");
      for (int p = 0; p < classes; p++) {
        md.append(String.format(Locale.ROOT, " %d |", e.getConfusion().getCount(a, p)));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }

  private static String className(List<String> labels, int c) {
    return labels != null && c < labels.size() && labels.get(c) != null ? labels.get(c) : String.valueOf(c);
  }

  private static void binary(Run run, long step, String prefix, EvaluationBinary e) {
    for (int o = 0; o < e.numLabels(); o++) {
      String name = String.valueOf(o);
      run.scalar(prefix + "/accuracy/" + name, step, e.accuracy(o));
      run.scalar(prefix + "/precision/" + name, step, e.precision(o));
      run.scalar(prefix + "/recall/" + name, step, e.recall(o));
      run.scalar(prefix + "/f1/" + name, step, e.f1(o));
    }
  }

  private static void regression(Run run, long step, String prefix, RegressionEvaluation r) {
    List<String> names = r.getColumnNames();
    for (int c = 0; c < r.numColumns(); c++) {
      String name = names != null && c < names.size() ? names.get(c) : String.valueOf(c);
      run.scalar(prefix + "/mse/" + name, step, r.meanSquaredError(c));
      run.scalar(prefix + "/mae/" + name, step, r.meanAbsoluteError(c));
      run.scalar(prefix + "/rmse/" + name, step, r.rootMeanSquaredError(c));
      run.scalar(prefix + "/r2/" + name, step, r.rSquared(c));
    }
    run.scalar(prefix + "/mse", step, r.averageMeanSquaredError());
    run.scalar(prefix + "/mae", step, r.averageMeanAbsoluteError());
    run.scalar(prefix + "/rmse", step, r.averagerootMeanSquaredError());
    run.scalar(prefix + "/r2", step, r.averageRSquared());
  }
}
