package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;

/**
 * The settings every framework adapter's listener builder shares, written once: each setter hands
 * its value to an {@link Instrumentation.Builder}, which checks it and holds its default, and
 * returns the adapter's own builder, so that calls chain. An adapter's builder extends this one
 * with its framework's inputs (a probe batch, the embedding's inputs) and turns on the matching
 * collectors through {@link #core()}.
 *
 * @param <B> the adapter's builder, which every setter returns
 */
public abstract class ListenerBuilder<B extends ListenerBuilder<B>> {
  private final Instrumentation.Builder core;

  /**
   * A builder of a listener logging into {@code run}.
   *
   * @param run the run to log into
   */
  protected ListenerBuilder(Run run) {
    this.core = Instrumentation.builder(run);
  }

  /**
   * This builder, as the adapter's type.
   *
   * @return this builder
   */
  protected abstract B self();

  /**
   * The core's builder, which holds every setting; the adapter builds its {@link Instrumentation}
   * from it.
   *
   * @return the core's builder
   */
  protected final Instrumentation.Builder core() {
    return core;
  }

  /**
   * Log the minibatch loss every {@code n} iterations; default every one.
   *
   * @param n the interval, in iterations, at least 1
   * @return this builder
   */
  public B lossEvery(int n) {
    core.lossEvery(n);
    return self();
  }

  /**
   * Log update:parameter ratios every {@code n} iterations (0: only once per epoch); default
   * {@value Instrumentation.Builder#DEFAULT_UPDATE_RATIO_EVERY}.
   *
   * @param n the interval, in iterations, or 0
   * @return this builder
   */
  public B updateRatioEvery(int n) {
    core.updateRatioEvery(n);
    return self();
  }

  /**
   * Whether to log parameter and gradient histograms; default true.
   *
   * @param on whether to log them
   * @return this builder
   */
  public B histograms(boolean on) {
    core.histograms(on);
    return self();
  }

  /**
   * Whether a NaN or infinite loss stops training with a {@link NonFiniteLossException} (the
   * adapter's own, where it has one); default true.
   *
   * @param on whether to stop
   * @return this builder
   */
  public B stopOnNonFiniteLoss(boolean on) {
    core.stopOnNonFiniteLoss(on);
    return self();
  }

  /**
   * Log the first layer's weights as one image, before training and after every epoch: the first
   * {@code units} units, each unit's incoming weights as a {@code tileHeight × tileWidth} tile. Off
   * by default.
   *
   * @param tileHeight the height of a unit's tile, in pixels
   * @param tileWidth the width of a unit's tile, in pixels
   * @param units how many units to show
   * @return this builder
   */
  public B weightImages(int tileHeight, int tileWidth, int units) {
    core.weightImages(tileHeight, tileWidth, units);
    return self();
  }

  /**
   * Log the embedding after every {@code n}-th epoch (and before training); default 1. Give the
   * number of epochs to log it only before and after training.
   *
   * @param n the interval, in epochs, at least 1
   * @return this builder
   */
  public B embeddingEvery(int n) {
    core.embeddingEvery(n);
    return self();
  }
}
