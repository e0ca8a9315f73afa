package dev.dltrack.tracker.dl4j;

/**
 * Thrown out of {@code fit()} by a {@link TrackingListener} when the training loss becomes NaN or
 * infinite: training cannot recover, so the run should end as a failure with this reason. The DL4J
 * listeners' kind of the instrumentation core's exception, which the DJL listener throws: catch
 * that to handle both.
 */
public final class NonFiniteLossException
    extends dev.dltrack.tracker.instrument.NonFiniteLossException {
  private static final long serialVersionUID = 1L;

  NonFiniteLossException(double loss, long step, int epoch) {
    super(loss, step, epoch);
  }
}
