package dev.dltrack.trainer.init;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A scheme that draws each layer's weights independently, from the layer's fan-in and fan-out. */
final class LayerwiseScheme implements InitScheme {
  /** Draws the weights of one layer. */
  @FunctionalInterface
  interface Sampler {
    /** Row-major {@code [fanIn, fanOut]} weights, drawn from {@code random} only. */
    double[] sample(int fanIn, int fanOut, SplittableRandom random);
  }

  private final String name;
  private final String description;
  private final Sampler sampler;

  LayerwiseScheme(String name, String description, Sampler sampler) {
    this.name = requireNonNull(name, "name");
    this.description = requireNonNull(description, "description");
    this.sampler = requireNonNull(sampler, "sampler");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void apply(MultiLayerNetwork net, InitContext context) {
    requireNonNull(net, "net");
    requireNonNull(context, "context");
    SplittableRandom root = new SplittableRandom(context.seed());
    for (int index : DenseLayers.indices(net, name)) {
      Layer layer = net.getLayer(index);
      long[] shape = layer.getParam(DenseLayers.WEIGHTS).shape();
      // split() gives each layer a statistically independent stream of its own.
      DenseLayers.set(
          layer,
          sampler.sample(Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), root.split()));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
