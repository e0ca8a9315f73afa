package dev.dltrack.compare.testing;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import java.nio.file.Path;
import java.util.Map;

/** Runs as the reader gives them, built directly where exact values or odd names matter. */
public final class RunLogs {
  private RunLogs() {}

  /** A run with a session of {@code hparams} in group {@code group}, ended with {@code status}. */
  public static RunLog.Builder run(
      String name, Map<String, Object> hparams, String group, RunStatus status) {
    return RunLog.builder(name, Path.of(name))
        .session(new Session(hparams, group, 1_700_000_000.0, status, 1_700_000_090.0));
  }

  /**
   * Run {@code <scheme>-s<seed>} of the seed group {@code scheme} (hparams {@code scheme} and
   * {@code seed}), ended successfully, with {@code accuracy} as {@code val/accuracy} at steps 1, 2,
   * ...
   */
  public static RunLog seed(String scheme, int seed, double... accuracy) {
    return series(
            run(
                scheme + "-s" + seed,
                Map.of("scheme", scheme, "seed", (double) seed),
                scheme,
                RunStatus.SUCCESS),
            "val/accuracy",
            accuracy)
        .build();
  }

  /** Adds {@code values} of {@code tag} at steps 1, 2, ... */
  public static RunLog.Builder series(RunLog.Builder run, String tag, double... values) {
    for (int i = 0; i < values.length; i++) {
      run.scalar(tag, new ScalarPoint(i + 1, 1_700_000_000.0 + i, values[i]));
    }
    return run;
  }
}
