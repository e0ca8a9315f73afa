package dev.dltrack.tracker.instrument;

/**
 * One named parameter of a model as a framework-neutral view. Values are read when asked for, on
 * the training thread, and copied: the framework may reuse its arrays at once.
 */
public interface ParameterView {
  /**
   * The layer's name in tags ({@code layer0}, {@code 01Linear}).
   *
   * @return the layer's name
   */
  String layer();

  /**
   * The parameter's name in its layer ({@code W}, {@code weight}).
   *
   * @return the parameter's name
   */
  String name();

  /**
   * Whether an updater trains it (not, say, batch normalization's running mean).
   *
   * @return whether it is trained
   */
  boolean trained();

  /**
   * A copy of its values, in any order.
   *
   * @return the values
   */
  float[] values();

  /**
   * A copy of its last minibatch's gradient, in any order.
   *
   * @return the gradient, or null where none is at hand
   */
  float[] gradient();

  /**
   * Mean |update| over mean |parameter| for the update just applied (or about to be), NaN where it
   * is not finite or not known.
   *
   * @return the ratio, or NaN
   */
  double updateRatio();
}
