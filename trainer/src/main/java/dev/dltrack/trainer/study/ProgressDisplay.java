package dev.dltrack.trainer.study;

/**
 * A sweep's progress shown to a person: {@link ConsoleProgress} on a terminal, {@link LineProgress}
 * anywhere else. Closing it finishes what it shows.
 */
public interface ProgressDisplay extends SweepProgress, AutoCloseable {
  @Override
  void close();
}
