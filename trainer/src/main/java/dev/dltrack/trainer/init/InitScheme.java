package dev.dltrack.trainer.init;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A weight-initialization scheme of the study, applied to an initialized DL4J network: it
 * overwrites the weights {@code W} of every {@code DenseLayer} and {@code OutputLayer} and sets
 * their biases {@code b} to zero. Layers without parameters (dropout, activation) are left alone;
 * any other layer with parameters is refused, since leaving it at DL4J's own initialization would
 * mix two schemes.
 *
 * <p>DL4J stores a dense layer's weights as {@code [nIn, nOut]}: fan-in is {@code nIn}, fan-out
 * {@code nOut}, and the layouts match tf.keras's kernels, whose definitions the schemes follow. All
 * randomness comes from {@link InitContext#seed()}: the same seed gives bit-identical weights (on
 * the same JDK), whatever the network's own seed, and each layer draws from its own stream.
 */
public sealed interface InitScheme permits LayerwiseScheme, LsuvScheme {
  /** The name used on the command line, e.g. {@code he-normal}. */
  String name();

  /** One line on what the scheme draws, for help texts and run metadata. */
  String description();

  /**
   * Initializes {@code net}, which must have been {@code init()}-ed.
   *
   * @throws IllegalStateException if {@code net} was not initialized
   * @throws IllegalArgumentException if {@code net} has a layer with parameters that is neither a
   *     {@code DenseLayer} nor an {@code OutputLayer}, or the scheme needs data that {@code
   *     context} lacks
   */
  void apply(MultiLayerNetwork net, InitContext context);

  /** Every scheme, in the study's order, from {@code zeros} to {@code lsuv}. */
  static List<InitScheme> all() {
    return InitSchemes.ALL;
  }

  /**
   * The scheme called {@code name}.
   *
   * @throws IllegalArgumentException if there is none, listing the valid names
   */
  static InitScheme byName(String name) {
    requireNonNull(name, "name");
    return InitSchemes.ALL.stream()
        .filter(scheme -> scheme.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown initialization scheme '"
                        + name
                        + "'; valid names: "
                        + InitSchemes.ALL.stream()
                            .map(InitScheme::name)
                            .collect(Collectors.joining(", "))));
  }
}
