package dev.dltrack.tracker.instrument;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Image;
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

  public static Builder builder(Run run) {
    return new Builder(run);
  }

  public EpochClock clock() {
    return clock;
  }

  /** Whether histograms (and so gradients) are logged. */
  public boolean histograms() {
    return histograms != null;
  }

  /** Whether {@link #beforeTraining} has run. */
  public boolean initialLogged() {
    return initialLogged;
  }

  /** Logs the model before its first update, at step 0; once, later calls do nothing. */
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

  /** Opens an epoch at {@code step}: the running means restart, update ratios are due. */
  public void epochStarts(long step) {
    clock.open(step);
    ratios.epochStarts();
    metrics.reset();
  }

  /**
   * One minibatch's loss, at its iteration {@code step}, into the epoch's mean (the adapter opens
   * epochs: {@link #epochStarts}).
   */
  public void iteration(long step, double loss, long batchSize) {
    metrics.batch(step, loss, batchSize);
  }

  /**
   * Whether {@code loss} stops training (NaN or infinite, unless turned off); then the epoch is
   * closed, so that it is not ended half-way. An adapter asks after everything else it logs for the
   * iteration, and throws its framework's exception.
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
   * @throws NonFiniteLossException if it does; {@code epoch} counts from 0
   */
  public void checkLoss(long step, double loss, int epoch) {
    if (lossStopsTraining(loss)) {
      throw new NonFiniteLossException(loss, step, epoch);
    }
  }

  /** Whether the update of iteration {@code step} is logged; true once per epoch then every n. */
  public boolean updateRatiosDue(long step) {
    return ratios.due(step);
  }

  /**
   * As {@link #updateRatiosDue}, for a framework that hands over one parameter's update at a time
   * (SameDiff): asks without taking the epoch's first, which {@link #updateRatiosTaken} does at the
   * iteration's end.
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

  public void updateRatios(long step, ModelView model) {
    ratios.log(step, model);
  }

  /**
   * Whether iteration {@code step} may be its epoch's last, so that its gradient is to be copied
   * for the epoch's end (frameworks overwrite it with the next): every iteration until an epoch's
   * length is known (or hinted), then only those from that length on, and the first.
   */
  public boolean mayEndEpoch(long step) {
    long length = clock.length();
    return !(length > 0 && step - clock.startStep() < length - 1 && step > 0);
  }

  /** The gradients' histograms at {@code step}, if histograms are on. */
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
    private List<Image> embeddingSprites = List.of();
    private int embeddingEvery = 1;
    private long iterationsPerEpoch = -1;

    private Builder(Run run) {
      this.run = requireNonNull(run, "run");
    }

    public Builder lossEvery(int n) {
      checkArgument(n >= 1, "lossEvery must be >= 1: %s", n);
      this.lossEvery = n;
      return this;
    }

    public Builder updateRatioEvery(int n) {
      checkArgument(n >= 0, "updateRatioEvery must be >= 0: %s", n);
      this.updateRatioEvery = n;
      return this;
    }

    public Builder histograms(boolean on) {
      this.histograms = on;
      return this;
    }

    public Builder stopOnNonFiniteLoss(boolean on) {
      this.stopOnNonFiniteLoss = on;
      return this;
    }

    /** Whether the model view has a probe batch whose activation statistics are logged. */
    public Builder activations(boolean on) {
      this.activations = on;
      return this;
    }

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

    /** The embedding's labels (one per input) and sprites (empty or one per input); copied. */
    public Builder embedding(List<String> labels, List<Image> sprites) {
      this.embeddingLabels = List.copyOf(requireNonNull(labels, "labels"));
      this.embeddingSprites = List.copyOf(requireNonNull(sprites, "sprites"));
      checkArgument(
          embeddingSprites.isEmpty() || embeddingSprites.size() == embeddingLabels.size(),
          "embedding: %s sprites for %s labels",
          embeddingSprites.size(),
          embeddingLabels.size());
      return this;
    }

    public Builder embeddingEvery(int n) {
      checkArgument(n >= 1, "embeddingEvery must be >= 1: %s", n);
      this.embeddingEvery = n;
      return this;
    }

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
