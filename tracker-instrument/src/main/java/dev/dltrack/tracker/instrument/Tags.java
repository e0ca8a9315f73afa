package dev.dltrack.tracker.instrument;

/**
 * Every tag a training listener logs, in one place, so that runs of different frameworks overlay in
 * TensorBoard. A layer is named by its framework ({@code layer0} in DL4J, {@code 01Linear} in DJL);
 * a parameter by its name in the layer ({@code W}, {@code weight}). A parameter of no layer (a
 * SameDiff variable {@code w0}) has the empty layer name: its tags drop the layer's part ({@code
 * w0}, {@code update_ratio/w0}).
 */
public final class Tags {
  /** The loss of one iteration's minibatch. */
  public static final String BATCH_LOSS = "train/batch_loss";

  /** The epoch's mean minibatch loss, weighted by minibatch size. */
  public static final String TRAIN_LOSS = "train/loss";

  /** The validation loss at an epoch's end. */
  public static final String VAL_LOSS = "val/loss";

  /** The epoch number, from 1, at each epoch's end. */
  public static final String EPOCH = "epoch";

  /** The prefix of training metrics: {@code train/accuracy}. */
  public static final String TRAIN = "train";

  /** The prefix of validation metrics: {@code val/accuracy}. */
  public static final String VAL = "val";

  /** Per layer: the mean of its activations on the probe batch. */
  public static final String ACTIVATION_MEAN = "activation/mean";

  /** Per layer: the standard deviation of its activations on the probe batch. */
  public static final String ACTIVATION_STD = "activation/std";

  /** Per ReLU layer: the fraction of its units that output 0 for every probe example. */
  public static final String DEAD_RELU_FRACTION = "dead_relu_fraction";

  /** Per layer and parameter: {@code update_ratio/<param>}. */
  public static final String UPDATE_RATIO = "update_ratio";

  /** Per layer and parameter: {@code grad/<param>}. */
  public static final String GRADIENT = "grad";

  /** After a layer's weight parameter: {@code <layer>/<param>/tiles}. */
  public static final String TILES = "tiles";

  /** A layer's activations as an embedding: {@code <layer>/activations}. */
  public static final String ACTIVATIONS = "activations";

  private Tags() {}

  /**
   * A metric's tag, as {@code train/accuracy} or {@code val/mse}.
   *
   * @param prefix {@link #TRAIN} or {@link #VAL}
   * @param metric the metric's name
   * @return {@code <prefix>/<metric>}
   */
  public static String metric(String prefix, String metric) {
    return prefix + "/" + metric;
  }

  /**
   * A parameter's values.
   *
   * @param layer the layer's name, or empty for a parameter outside layers
   * @param param the parameter's name
   * @return {@code <layer>/<param>}
   */
  public static String parameter(String layer, String param) {
    return layer.isEmpty() ? param : layer + "/" + param;
  }

  /**
   * A parameter's gradient.
   *
   * @param layer the layer's name, or empty
   * @param param the parameter's name
   * @return {@code <layer>/grad/<param>}
   */
  public static String gradient(String layer, String param) {
    return in(layer) + GRADIENT + "/" + param;
  }

  /**
   * Mean |update| over mean |parameter|.
   *
   * @param layer the layer's name, or empty
   * @param param the parameter's name
   * @return {@code <layer>/update_ratio/<param>}
   */
  public static String updateRatio(String layer, String param) {
    return in(layer) + UPDATE_RATIO + "/" + param;
  }

  private static String in(String layer) {
    return layer.isEmpty() ? "" : layer + "/";
  }

  /**
   * The mean of a layer's activations on the probe batch.
   *
   * @param layer the layer's name
   * @return {@code <layer>/activation/mean}
   */
  public static String activationMean(String layer) {
    return layer + "/" + ACTIVATION_MEAN;
  }

  /**
   * The standard deviation of a layer's activations on the probe batch.
   *
   * @param layer the layer's name
   * @return {@code <layer>/activation/std}
   */
  public static String activationStd(String layer) {
    return layer + "/" + ACTIVATION_STD;
  }

  /**
   * The fraction of a ReLU layer's units that output 0 for every probe example.
   *
   * @param layer the layer's name
   * @return {@code <layer>/dead_relu_fraction}
   */
  public static String deadReluFraction(String layer) {
    return layer + "/" + DEAD_RELU_FRACTION;
  }

  /**
   * One image of a layer's weights, a tile per unit.
   *
   * @param layer the layer's name
   * @param param the weights' parameter name
   * @return {@code <layer>/<param>/tiles}
   */
  public static String weightTiles(String layer, String param) {
    return layer + "/" + param + "/" + TILES;
  }

  /**
   * A layer's activations for fixed inputs, as an embedding.
   *
   * @param layer the layer's name
   * @return {@code <layer>/activations}
   */
  public static String embedding(String layer) {
    return layer + "/" + ACTIVATIONS;
  }
}
