package dev.dltrack.tracker;

/** How a run ended, as TensorBoard's HParams dashboard shows it. */
public enum RunStatus {
  /** Not known: the run was not closed by its program, or its log does not say. */
  UNKNOWN,
  /** The run is still open. */
  RUNNING,
  /** The run was closed normally. */
  SUCCESS,
  /** The run ended by an exception or was failed explicitly. */
  FAILURE
}
