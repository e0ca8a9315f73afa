package dev.dltrack.tracker.instrument;

import java.util.List;
import java.util.Map;

/**
 * A framework-neutral view of a model in training, as collectors read it. Each method is called
 * only when a collector that needs it is on and due, so an adapter may compute lazily; the defaults
 * are for models where the thing is not meaningful.
 */
public interface ModelView {
  /**
   * Every parameter, trained or not, in the model's order.
   *
   * @return the parameters
   */
  List<ParameterView> parameters();

  /**
   * A view of {@code parameters} alone (a framework that hands them over one at a time).
   *
   * @param parameters the parameters, copied
   * @return a view with nothing else
   */
  static ModelView of(List<ParameterView> parameters) {
    List<ParameterView> copy = List.copyOf(parameters);
    return () -> copy;
  }

  /**
   * Activation statistics of the probe batch, per layer name in the model's order.
   *
   * @return the statistics; empty without a probe
   */
  default Map<String, ActivationStats> probeActivations() {
    return Map.of();
  }

  /**
   * The first {@code units} units' incoming weights of the model's first layer, one array per unit
   * (to be drawn as a tile each).
   *
   * @param units how many units
   * @return the weights, or null where the first layer has no such weights
   */
  default UnitWeights inputWeights(int units) {
    return null;
  }

  /**
   * The penultimate layer's activations for the embedding's inputs, one row per input.
   *
   * @return the activations, or null where none
   */
  default LayerRows penultimateActivations() {
    return null;
  }

  /** The incoming weights of a layer's first units: {@code units[u]} is unit {@code u}'s. */
  record UnitWeights(String layer, String param, float[][] units) {}

  /** A layer's output, one row per example. */
  record LayerRows(String layer, float[][] rows) {}
}
