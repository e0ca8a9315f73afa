package dev.dltrack.trainer.study;

import java.util.List;
import java.util.Locale;

/** The sweep's final table: one line per run. */
public final class ResultsTable {
  private ResultsTable() {}

  public static String format(List<RunResult> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-16s %5s %10s %9s %9s %8s %7s  %s%n",
            "scheme",
            "seed",
            "best val",
            "(epoch)",
            "final val",
            "test",
            "time",
            "status"));
    for (RunResult r : results) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s %5d %10s %9s %9s %8s %7s  %s%n",
              r.scheme(),
              r.seed(),
              pct(r.bestValAccuracy()),
              r.bestEpoch() > 0 ? "(" + r.bestEpoch() + ")" : "",
              pct(r.finalValAccuracy()),
              pct(r.testAccuracy()),
              ConsoleProgress.format(r.time()),
              r.status() + (r.failure().isEmpty() ? "" : ": " + r.failure())));
    }
    return b.toString();
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}
