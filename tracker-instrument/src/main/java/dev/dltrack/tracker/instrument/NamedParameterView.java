package dev.dltrack.tracker.instrument;

/**
 * A {@link ParameterView} whose layer and name are fixed when it is made: an adapter's view of one
 * parameter extends it with how its framework's values, gradient and update ratio are read.
 */
public abstract class NamedParameterView implements ParameterView {
  private final String layer;
  private final String name;

  /**
   * A view of parameter {@code name} of layer {@code layer}.
   *
   * @param layer the layer's name in tags
   * @param name the parameter's name in its layer
   */
  protected NamedParameterView(String layer, String name) {
    this.layer = layer;
    this.name = name;
  }

  @Override
  public final String layer() {
    return layer;
  }

  @Override
  public final String name() {
    return name;
  }
}
