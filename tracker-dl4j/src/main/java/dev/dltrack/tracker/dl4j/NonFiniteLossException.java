package dev.dltrack.tracker.dl4j;

import java.util.Locale;

/**
 * Thrown out of {@code fit()} by a {@link TrackingListener} when the training loss becomes NaN or
 * infinite: training cannot recover, so the run should end as a failure with this reason.
 */
public final class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The loss that was not finite. */
  private final double loss;

  /** The iteration whose loss it was. */
  private final long step;

  NonFiniteLossException(double loss, long step, int epoch) {
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
   * The loss that was not finite.
   *
   * @return NaN or an infinity
   */
  public double loss() {
    return loss;
  }

  /**
   * The iteration whose loss it was.
   *
   * @return the iteration, as DL4J counts them
   */
  public long step() {
    return step;
  }
}
