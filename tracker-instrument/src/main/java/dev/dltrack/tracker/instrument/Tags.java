package dev.dltrack.tracker.instrument;

/**
 * Every tag a training listener logs, in one place, so that runs of different frameworks overlay
 * in TensorBoard. A layer is named by its framework ({@code layer0} in DL4J, {@code 01Linear} in
 * DJL); a parameter by its name in the layer ({@code W}, {@code weight}). A parameter of no layer
 * (a SameDiff variable {@code w0}) has the empty layer name: its tags drop the layer's part
 * ({@code w0}, {@code update_ratio/w0}).
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

  private Tags() {}

  /** {@code train/accuracy}, {@code val/mse}. */
  public static String metric(String prefix, String metric) {
    return prefix + "/" + metric;
  }

  /** A parameter's values: {@code <layer>/<param>}. */
  public static String parameter(String layer, String param) {
    return layer.isEmpty() ? param : layer + "/" + param;
  }

  /** A parameter's gradient: {@code <layer>/grad/<param>}. */
  public static String gradient(String layer, String param) {
    return in(layer) + "grad/" + param;
  }

  /** Mean |update| over mean |parameter|: {@code <layer>/update_ratio/<param>}. */
  public static String updateRatio(String layer, String param) {
    return in(layer) + "update_ratio/" + param;
  }

  private static String in(String layer) {
    return layer.isEmpty() ? "" : layer + "/";
  }

  /** {@code <layer>/activation/mean}. */
  public static String activationMean(String layer) {
    return layer + "/activation/mean";
  }

  /** {@code <layer>/activation/std}. */
  public static String activationStd(String layer) {
    return layer + "/activation/std";
  }

  /** {@code <layer>/dead_relu_fraction}. */
  public static String deadReluFraction(String layer) {
    return layer + "/dead_relu_fraction";
  }

  /** One image of a layer's weights, a tile per unit: {@code <layer>/<param>/tiles}. */
  public static String weightTiles(String layer, String param) {
    return layer + "/" + param + "/tiles";
  }

  /** A layer's activations for fixed inputs, as an embedding: {@code <layer>/activations}. */
  public static String embedding(String layer) {
    return layer + "/activations";
  }
}
