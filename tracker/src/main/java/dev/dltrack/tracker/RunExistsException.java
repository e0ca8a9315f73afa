package dev.dltrack.tracker;

import java.io.IOException;

/**
 * Thrown by {@link Run.Builder#open()} when the run's directory already holds a run and neither
 * {@link Run.Builder#resume()} nor {@link Run.Builder#overwrite()} was asked for.
 */
public final class RunExistsException extends IOException {
  private static final long serialVersionUID = 1L;

  public RunExistsException(String message) {
    super(message);
  }
}
