package dev.dltrack.tracker.instrument;

import java.util.Locale;

/**
 * Thrown out of training by a listener when the training loss becomes NaN or infinite: training
 * cannot recover, so the run should end as a failure with this reason. Not final, so that an
 * adapter can keep the exception type its users already catch.
 */
public class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The loss that stopped training. */
  private final double loss;

  /** The iteration it came at. */
  private final long step;

  /**
   * An exception for {@code loss} at {@code step}.
   *
   * @param loss the loss, NaN or infinite
   * @param step the iteration it came at
   * @param epoch the epoch it came in, counted from 0 as the frameworks do (the message counts from
   *     1)
   */
  public NonFiniteLossException(double loss, long step, int epoch) {
    super(
        String.format(
            Locale.ROOT,
            "training loss became %s at iteration %d (epoch %d); training stopped",
            loss,
            step,
            epoch + 1));
    this.loss = loss;
    this.step = step;
  }

  /**
   * The loss that stopped training.
   *
   * @return the loss, NaN or infinite
   */
  public double loss() {
    return loss;
  }

  /**
   * The iteration the loss came at.
   *
   * @return the step
   */
  public long step() {
    return step;
  }
}
