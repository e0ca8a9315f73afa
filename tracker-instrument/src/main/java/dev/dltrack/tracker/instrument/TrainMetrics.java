package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;
import java.util.Map;

/**
 * The loss: {@link Tags#BATCH_LOSS} every {@code lossEvery} iterations (and whenever it is not
 * finite), the epoch's mean weighted by minibatch size as {@link Tags#TRAIN_LOSS}, then the epoch's
 * other metrics as the adapter measured them (accuracy, validation loss, ...). A NaN or infinite
 * loss throws {@link NonFiniteLossException} unless turned off.
 */
public final class TrainMetrics {
  private final Run run;
  private final int lossEvery;
  private final boolean stopOnNonFiniteLoss;
  private double lossSum;
  private long examples;

  TrainMetrics(Run run, int lossEvery, boolean stopOnNonFiniteLoss) {
    this.run = run;
    this.lossEvery = lossEvery;
    this.stopOnNonFiniteLoss = stopOnNonFiniteLoss;
  }

  void reset() {
    lossSum = 0;
    examples = 0;
  }

  void batch(long step, double loss, long batchSize) {
    lossSum += loss * batchSize;
    examples += batchSize;
    if (step % lossEvery == 0 || !Double.isFinite(loss)) {
      run.scalar(Tags.BATCH_LOSS, step, loss);
    }
  }

  /** Whether training must stop after logging {@code loss}. */
  boolean stops(double loss) {
    return !Double.isFinite(loss) && stopOnNonFiniteLoss;
  }

  void epochEnd(long step, Map<String, Double> metrics) {
    if (examples > 0) {
      run.scalar(Tags.TRAIN_LOSS, step, lossSum / examples);
    }
    metrics.forEach((tag, value) -> run.scalar(tag, step, value));
  }
}
