package dev.dltrack.sweep.spark;

import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.SweepProgress;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * A task's progress, into its accumulators: the executor sends their values with every heartbeat
 * ({@code spark.executor.heartbeatInterval}), so the driver's {@link ProgressRelay} sees a run's
 * iterations and epochs while it trains, not only when it ends.
 */
final class TaskProgress implements SweepProgress {
  private final LongAccumulator iterations;
  private final CollectionAccumulator<ProgressEvent> events;

  TaskProgress(LongAccumulator iterations, CollectionAccumulator<ProgressEvent> events) {
    this.iterations = iterations;
    this.events = events;
  }

  @Override
  public void runStarted(String run, long total) {
    events.add(new ProgressEvent.Started(run, total));
  }

  @Override
  public void iterationDone(String run) {
    iterations.add(1);
  }

  @Override
  public void epochDone(String run, int epoch, int epochs, double valAccuracy, double valLoss) {
    events.add(new ProgressEvent.Epoch(run, epoch, epochs, valAccuracy, valLoss));
  }

  @Override
  public void runFinished(RunResult result) {
    events.add(new ProgressEvent.Finished(result));
  }
}
