package dev.dltrack.tracker.instrument;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import java.util.List;
import java.util.Map;

/**
 * What a training listener logs, for any framework: the collectors the builder turned on, driven in
 * one fixed order by an adapter's callbacks. Steps are iterations, the number of updates applied so
 * far; the adapter passes them. Not thread-safe: an adapter calls it from the training thread (or
 * under its own lock).
 *
 * <ul>
 *   <li>{@link #beforeTraining}, once, at step 0: parameter histograms, activation statistics,
 *       weight images, the embedding;
 *   <li>{@link #epochStarts} where an epoch opens (or the first {@link #iteration} of one);
 *   <li>{@link #iteration} after each minibatch: the batch loss (and the stop on a NaN loss);
 *   <li>{@link #updateRatiosDue} / {@link #updateRatios} where the update is at hand;
 *   <li>{@link #gradients} for the first minibatch's gradient;
 *   <li>{@link #epochEnds}: the epoch's loss and metrics, {@code epoch}, histograms, activation
 *       statistics, weight images, the embedding (every {@code embeddingEvery}-th epoch), the last
 *       minibatch's gradient histograms.
 * </ul>
 */
public final class Instrumentation {
  private final EpochClock clock;
  private final TrainMetrics metrics;

  /** Null where off: each is asked for only through the methods below. */
  private final ParameterHistograms histograms;

  private final UpdateRatios ratios;
  private final ActivationStatistics activations;
  private final WeightImages weightImages;
  private final Embeddings embeddings;
  private boolean initialLogged;

  private Instrumentation(Builder b) {
    this.clock = new EpochClock(b.run, b.iterationsPerEpoch);
    this.metrics = new TrainMetrics(b.run, b.lossEvery, b.stopOnNonFiniteLoss);
    this.histograms = b.histograms ? new ParameterHistograms(b.run) : null;
    this.ratios = new UpdateRatios(b.run, b.updateRatioEvery);
    this.activations = b.activations ? new ActivationStatistics(b.run) : null;
    this.weightImages =
        b.tileUnits > 0 ? new WeightImages(b.run, b.tileHeight, b.tileWidth, b.tileUnits) : null;
    this.embeddings =
        b.embeddingLabels != null
            ? new Embeddings(b.run, b.embeddingLabels, b.embeddingSprites, b.embeddingEvery)
            : null;
  }

  /**
   * Instrumentation logging into {@code run}.
   *
   * @param run the run to log into
   * @return a builder, with a DL4J listener's defaults
   */
  public static Builder builder(Run run) {
    return new Builder(run);
  }

  /**
   * Where epochs begin and end.
   *
   * @return the clock
   */
  public EpochClock clock() {
    return clock;
  }

  /**
   * Whether histograms (and so gradients) are logged.
   *
   * @return whether they are on
   */
  public boolean histograms() {
    return histograms != null;
  }

  /**
   * Whether {@link #beforeTraining} has run.
   *
   * @return whether it has
   */
  public boolean initialLogged() {
    return initialLogged;
  }

  /**
   * Logs the model before its first update, at step 0; once, later calls do nothing.
   *
   * @param model the model, not yet updated
   */
  public void beforeTraining(ModelView model) {
    if (initialLogged) {
      return;
    }
    initialLogged = true;
    logModel(0, model);
    if (embeddings != null) {
      embeddings.log(0, model);
    }
  }

  /**
   * Opens an epoch at {@code step}: the running means restart, update ratios are due.
   *
   * @param step the epoch's first iteration
   */
  public void epochStarts(long step) {
    clock.open(step);
    ratios.epochStarts();
    metrics.reset();
  }

  /**
   * One minibatch's loss, at its iteration {@code step}, into the epoch's mean (the adapter opens
   * epochs: {@link #epochStarts}).
   *
   * @param step the iteration
   * @param loss the minibatch's loss
   * @param batchSize the minibatch's examples, its weight in the epoch's mean
   */
  public void iteration(long step, double loss, long batchSize) {
    metrics.batch(step, loss, batchSize);
  }

  /**
   * Whether {@code loss} stops training (NaN or infinite, unless turned off); then the epoch is
   * closed, so that it is not ended half-way. An adapter asks after everything else it logs for the
   * iteration, and throws its framework's exception.
   *
   * @param loss the iteration's loss
   * @return whether training stops
   */
  public boolean lossStopsTraining(double loss) {
    if (metrics.stops(loss)) {
      clock.abandon();
      return true;
    }
    return false;
  }

  /**
   * Throws where {@code loss} stops training (see {@link #lossStopsTraining}).
   *
   * @param step the iteration
   * @param loss the iteration's loss
   * @param epoch the epoch, counted from 0
   * @throws NonFiniteLossException if it does
   */
  public void checkLoss(long step, double loss, int epoch) {
    if (lossStopsTraining(loss)) {
      throw new NonFiniteLossException(loss, step, epoch);
    }
  }

  /**
   * Whether the update of iteration {@code step} is logged: once per epoch, then every {@code
   * updateRatioEvery} iterations.
   *
   * @param step the iteration
   * @return whether its update ratios are due
   */
  public boolean updateRatiosDue(long step) {
    return ratios.due(step);
  }

  /**
   * As {@link #updateRatiosDue}, for a framework that hands over one parameter's update at a time
   * (SameDiff): asks without taking the epoch's first, which {@link #updateRatiosTaken} does at the
   * iteration's end.
   *
   * @param step the iteration
   * @return whether its update ratios are due
   */
  public boolean updateRatiosDueForEach(long step) {
    return ratios.isDue(step);
  }

  /** The iteration whose updates {@link #updateRatiosDueForEach} asked about has ended. */
  public void updateRatiosTaken() {
    ratios.taken();
  }

  /**
   * The next iteration's update ratios are due whatever its step: where a framework starts an epoch
   * without {@link #epochStarts} (SameDiff, whose loss sums run on until an epoch's end).
   */
  public void updateRatiosPending() {
    ratios.epochStarts();
  }

  /**
   * Logs the update ratios of the update of iteration {@code step}.
   *
   * @param step the iteration
   * @param model the model, with that update at hand
   */
  public void updateRatios(long step, ModelView model) {
    ratios.log(step, model);
  }

  /**
   * Whether iteration {@code step} may be its epoch's last, so that its gradient is to be copied
   * for the epoch's end (frameworks overwrite it with the next): every iteration until an epoch's
   * length is known (or hinted), then only those from that length on, and the first.
   *
   * @param step the iteration
   * @return whether its gradient is to be kept
   */
  public boolean mayEndEpoch(long step) {
    long length = clock.length();
    return !(length > 0 && step - clock.startStep() < length - 1 && step > 0);
  }

  /**
   * The gradients' histograms at {@code step}, if histograms are on.
   *
   * @param step the step to log them at
   * @param model the model, with the gradients at hand
   */
  public void gradients(long step, ModelView model) {
    if (histograms != null) {
      histograms.gradients(step, model);
    }
  }

  /**
   * Ends the epoch at {@code step}, numbered {@code epochNumber} (from 1), with {@code
   * epochMetrics} (full tags, logged in their order after the loss); {@code lastGradients}: whether
   * the model's gradients are the epoch's last minibatch's. Does nothing where an epoch already
   * ended at this step.
   *
   * @param step the step the epoch ends at
   * @param epochNumber the epoch's number, from 1
   * @param model the model at the epoch's end
   * @param epochMetrics the epoch's metrics, by full tag
   * @param lastGradients whether the model's gradients are the epoch's last minibatch's
   * @return whether the epoch was ended here
   */
  public boolean epochEnds(
      long step,
      int epochNumber,
      ModelView model,
      Map<String, Double> epochMetrics,
      boolean lastGradients) {
    if (!clock.canEnd(step)) {
      return false;
    }
    clock.end(step);
    metrics.epochEnd(step, epochMetrics);
    clock.log(step, epochNumber);
    logModel(step, model);
    if (embeddings != null && embeddings.dueAtEpoch(epochNumber)) {
      embeddings.log(step, model);
    }
    if (lastGradients) {
      gradients(step, model);
    }
    clock.ended(step, epochNumber);
    metrics.reset();
    return true;
  }

  private void logModel(long step, ModelView model) {
    if (histograms != null) {
      histograms.values(step, model);
    }
    if (activations != null) {
      activations.log(step, model);
    }
    if (weightImages != null) {
      weightImages.log(step, model);
    }
  }

  /** Which collectors to assemble, and their settings; the defaults are a DL4J listener's. */
  public static final class Builder {
    /** Default of {@link #updateRatioEvery}. */
    public static final int DEFAULT_UPDATE_RATIO_EVERY = 50;

    private final Run run;
    private int lossEvery = 1;
    private int updateRatioEvery = DEFAULT_UPDATE_RATIO_EVERY;
    private boolean histograms = true;
    private boolean stopOnNonFiniteLoss = true;
    private boolean activations;
    private int tileHeight;
    private int tileWidth;
    private int tileUnits;
    private List<String> embeddingLabels;
    private List<ImageData> embeddingSprites = List.of();
    private int embeddingEvery = 1;
    private long iterationsPerEpoch = -1;

    private Builder(Run run) {
      this.run = requireNonNull(run, "run");
    }

    /**
     * Log the minibatch loss every {@code n} iterations; default every one.
     *
     * @param n the interval, in iterations, at least 1
     * @return this builder
     */
    public Builder lossEvery(int n) {
      checkArgument(n >= 1, "lossEvery must be >= 1: %s", n);
      this.lossEvery = n;
      return this;
    }

    /**
     * Log update:parameter ratios every {@code n} iterations (0: only once per epoch); default
     * {@value #DEFAULT_UPDATE_RATIO_EVERY}.
     *
     * @param n the interval, in iterations, or 0
     * @return this builder
     */
    public Builder updateRatioEvery(int n) {
      checkArgument(n >= 0, "updateRatioEvery must be >= 0: %s", n);
      this.updateRatioEvery = n;
      return this;
    }

    /**
     * Whether to log parameter and gradient histograms; default true.
     *
     * @param on whether to log them
     * @return this builder
     */
    public Builder histograms(boolean on) {
      this.histograms = on;
      return this;
    }

    /**
     * Whether a NaN or infinite loss stops training ({@link Instrumentation#lossStopsTraining});
     * default true.
     *
     * @param on whether to stop
     * @return this builder
     */
    public Builder stopOnNonFiniteLoss(boolean on) {
      this.stopOnNonFiniteLoss = on;
      return this;
    }

    /**
     * Whether the model view has a probe batch whose activation statistics are logged; default
     * false.
     *
     * @param on whether to log them
     * @return this builder
     */
    public Builder activations(boolean on) {
      this.activations = on;
      return this;
    }

    /**
     * Log the first layer's weights as one image: the first {@code units} units, each unit's
     * incoming weights as a {@code tileHeight × tileWidth} tile. Off by default.
     *
     * @param tileHeight the height of a unit's tile, in pixels
     * @param tileWidth the width of a unit's tile, in pixels
     * @param units how many units to show
     * @return this builder
     */
    public Builder weightImages(int tileHeight, int tileWidth, int units) {
      checkArgument(
          tileHeight >= 1 && tileWidth >= 1,
          "weight tiles must be at least 1x1: %sx%s",
          tileHeight,
          tileWidth);
      checkArgument(units >= 1, "weight image units must be >= 1: %s", units);
      this.tileHeight = tileHeight;
      this.tileWidth = tileWidth;
      this.tileUnits = units;
      return this;
    }

    /**
     * Log the penultimate layer's activations for the embedding's inputs (the model view's) as an
     * embedding, before training and after every {@link #embeddingEvery}-th epoch. Off by default.
     *
     * @param labels one per input; copied
     * @param sprites empty or one per input; copied
     * @return this builder
     */
    public Builder embedding(List<String> labels, List<ImageData> sprites) {
      List<String> labelsCopy = List.copyOf(requireNonNull(labels, "labels"));
      List<ImageData> spritesCopy = List.copyOf(requireNonNull(sprites, "sprites"));
      checkArgument(
          spritesCopy.isEmpty() || spritesCopy.size() == labelsCopy.size(),
          "embedding: %s sprites for %s labels",
          spritesCopy.size(),
          labelsCopy.size());
      this.embeddingLabels = labelsCopy;
      this.embeddingSprites = spritesCopy;
      return this;
    }

    /**
     * Log the embedding after every {@code n}-th epoch (and before training); default 1.
     *
     * @param n the interval, in epochs, at least 1
     * @return this builder
     */
    public Builder embeddingEvery(int n) {
      checkArgument(n >= 1, "embeddingEvery must be >= 1: %s", n);
      this.embeddingEvery = n;
      return this;
    }

    /**
     * The minibatches per epoch, where the training loop knows them: a hint for {@link
     * Instrumentation#mayEndEpoch} before the first epoch has ended. Optional.
     *
     * @param n the minibatches per epoch, at least 1
     * @return this builder
     */
    public Builder iterationsPerEpoch(long n) {
      checkArgument(n >= 1, "iterationsPerEpoch must be >= 1: %s", n);
      this.iterationsPerEpoch = n;
      return this;
    }

    /**
     * Assembles the collectors; a builder may build any number of independent instrumentations.
     *
     * @return the instrumentation
     */
    public Instrumentation build() {
      return new Instrumentation(this);
    }

    /**
     * A new builder for the same run with only this one's loss, update-ratio, histogram and
     * stop-on-non-finite-loss settings (the rest at their defaults): for a listener whose model has
     * no probe, input weights or embedding to offer, such as DL4J's SameDiff listener.
     *
     * @return the new builder
     */
    public Builder lossAndParameterSettings() {
      return new Builder(run)
          .lossEvery(lossEvery)
          .updateRatioEvery(updateRatioEvery)
          .histograms(histograms)
          .stopOnNonFiniteLoss(stopOnNonFiniteLoss);
    }
  }
}
