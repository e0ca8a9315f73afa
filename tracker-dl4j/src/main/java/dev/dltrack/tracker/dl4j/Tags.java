package dev.dltrack.tracker.dl4j;

/**
 * The tags the DL4J listeners write ({@link TrackingListener}, {@link SameDiffTrackingListener}),
 * in one place, for whatever reads them back by name: a training loop's own tags beside them, a
 * chart layout, a comparison. A training loop that evaluates on held-out data logs {@link
 * #VAL_LOSS}, {@link #VAL_ACCURACY}, {@link #TEST_LOSS} and {@link #TEST_ACCURACY} by the same
 * convention, which TensorBoard and {@code compare} pair with the train tags.
 *
 * <p>The names the listeners write come from the instrumentation core's {@link
 * dev.dltrack.tracker.instrument.Tags}, shared with the DJL listener; this class keeps the DL4J
 * side's names for them (and the held-out conventions the listeners do not write themselves).
 *
 * <p>Per layer, a tag is the layer's tag ({@code layer0}, or a graph vertex's name), a slash and
 * one of the suffixes here ({@link #layer(String, String)}): {@code layer0/activation/mean}.
 */
public final class Tags {
  /** The mean of an epoch's minibatch losses, at the epoch's last step. */
  public static final String TRAIN_LOSS = dev.dltrack.tracker.instrument.Tags.TRAIN_LOSS;

  /** Every minibatch's loss (a graph with several outputs: the sum of theirs). */
  public static final String TRAIN_BATCH_LOSS = dev.dltrack.tracker.instrument.Tags.BATCH_LOSS;

  /** A classification output's accuracy over the epoch's minibatches (the only output's). */
  public static final String TRAIN_ACCURACY = "train/accuracy";

  /** The epoch just ended, 1 for the first, at its last step. */
  public static final String EPOCH = dev.dltrack.tracker.instrument.Tags.EPOCH;

  /** The loss on the validation set, by convention (the listeners do not evaluate). */
  public static final String VAL_LOSS = dev.dltrack.tracker.instrument.Tags.VAL_LOSS;

  /** The accuracy on the validation set, by convention. */
  public static final String VAL_ACCURACY = "val/accuracy";

  /** The loss on the test set, by convention. */
  public static final String TEST_LOSS = "test/loss";

  /** The accuracy on the test set, by convention. */
  public static final String TEST_ACCURACY = "test/accuracy";

  /**
   * The prefix of an output's train metrics: {@code train/<metric>}, {@code
   * train/<output>/<metric>}.
   */
  static final String TRAIN = dev.dltrack.tracker.instrument.Tags.TRAIN;

  /** Per layer: the mean of its activations on the probe batch. */
  public static final String ACTIVATION_MEAN = dev.dltrack.tracker.instrument.Tags.ACTIVATION_MEAN;

  /** Per layer: the standard deviation of its activations on the probe batch. */
  public static final String ACTIVATION_STD = dev.dltrack.tracker.instrument.Tags.ACTIVATION_STD;

  /** Per ReLU layer: the fraction of its units that output 0 for every probe example. */
  public static final String DEAD_RELU_FRACTION =
      dev.dltrack.tracker.instrument.Tags.DEAD_RELU_FRACTION;

  /** Per layer and parameter: {@code update_ratio/<param>}, mean |update| / mean |parameter|. */
  public static final String UPDATE_RATIO = dev.dltrack.tracker.instrument.Tags.UPDATE_RATIO;

  /** Per layer and parameter: {@code grad/<param>}, the gradient's histogram. */
  public static final String GRADIENT = dev.dltrack.tracker.instrument.Tags.GRADIENT;

  /** The first layer's weights as an image of tiles: {@code layer0/W/tiles}. */
  public static final String WEIGHT_TILES = "W/" + dev.dltrack.tracker.instrument.Tags.TILES;

  /** The penultimate layer's activations as an embedding for the projector. */
  public static final String ACTIVATIONS = dev.dltrack.tracker.instrument.Tags.ACTIVATIONS;

  private Tags() {}

  /**
   * A layer's tag for one of the suffixes above.
   *
   * @param layer the layer's name (the first layer's is layer0)
   * @param suffix one of the suffixes above
   * @return {@code <layer>/<suffix>}
   */
  public static String layer(String layer, String suffix) {
    return layer + "/" + suffix;
  }
}
