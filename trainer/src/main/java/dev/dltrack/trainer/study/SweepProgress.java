package dev.dltrack.trainer.study;

/** What a sweep reports while it runs; called from the runs' threads. */
public interface SweepProgress {
  /**
   * A run starts; it will take {@code iterations} training iterations. A run that starts again is a
   * retried attempt (a Spark task): the iterations of its failed attempt no longer count.
   */
  default void runStarted(String run, long iterations) {}

  /** One training iteration of {@code run} is done. */
  default void iterationDone(String run) {}

  /** An epoch of {@code run} ended with this validation accuracy and loss. */
  default void epochDone(String run, int epoch, int epochs, double valAccuracy, double valLoss) {}

  /** A run ended. */
  default void runFinished(RunResult result) {}

  /**
   * One attempt at {@code run} failed and the run goes on elsewhere or ends later (a Spark task
   * retried): {@code why} says what happened and what follows; the run is not finished.
   */
  default void attemptFailed(String run, String why) {}

  /** Reports nothing. */
  SweepProgress NONE = new SweepProgress() {};
}
