package dev.dltrack.tracker;

import java.io.IOException;

/**
 * Thrown by {@link Run.Builder#open()} when another writer (a thread of this JVM or another
 * process) has the run open. The message names the holder's host and pid.
 */
public final class RunLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  public RunLockedException(String message) {
    super(message);
  }
}
