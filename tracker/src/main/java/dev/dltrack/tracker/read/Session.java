package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.RunStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's hparams session: its hyperparameters (strings, booleans, and numbers as doubles), the
 * group it belongs to, when it started, and how and when it ended ({@link RunStatus#UNKNOWN} and
 * 0 while the log does not say).
 */
public record Session(
    Map<String, Object> hparams,
    String group,
    double startTime,
    RunStatus status,
    double endTime) {
  /**
   * Copies the hparams; refuses nulls.
   *
   * @param hparams the hparams, in the order logged
   * @param group the hparams group
   * @param startTime when it started, in seconds since the epoch
   * @param status how the run ended ({@code UNKNOWN} while the log does not say)
   * @param endTime when it ended, in seconds since the epoch (0 while the log does not say)
   */
  public Session {
    hparams = Collections.unmodifiableMap(new LinkedHashMap<>(hparams));
    requireNonNull(group, "group");
    requireNonNull(status, "status");
  }

  Session ended(RunStatus status, double endTime) {
    return new Session(hparams, group, startTime, status, endTime);
  }
}
