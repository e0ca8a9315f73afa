package dev.dltrack.trainer.init;

import static dev.dltrack.trainer.init.Samplers.constant;
import static dev.dltrack.trainer.init.Samplers.normal;
import static dev.dltrack.trainer.init.Samplers.truncatedNormal;
import static dev.dltrack.trainer.init.Samplers.uniform;

import java.util.List;

/** The study's schemes, in its order. */
final class InitSchemes {
  private static final InitScheme ORTHOGONAL =
      new LayerwiseScheme(
          "orthogonal",
          "random orthogonal (Saxe et al. 2014): QR of a Gaussian matrix, gain 1",
          Orthogonal::sample);

  static final List<InitScheme> ALL =
      List.of(
          new LayerwiseScheme(
              "zeros", "every weight 0", (fanIn, fanOut, random) -> constant(fanIn * fanOut, 0)),
          new LayerwiseScheme(
              "ones", "every weight 1", (fanIn, fanOut, random) -> constant(fanIn * fanOut, 1)),
          new LayerwiseScheme(
              "uniform",
              "U[0, 1)",
              (fanIn, fanOut, random) -> Samplers.draw(fanIn * fanOut, random::nextDouble)),
          new LayerwiseScheme(
              "uniform-rule",
              "U[-y, y), y = 1/sqrt(fan_in)",
              (fanIn, fanOut, random) -> uniform(fanIn * fanOut, 1 / Math.sqrt(fanIn), random)),
          new LayerwiseScheme(
              "normal-rule",
              "N(0, y²), y = 1/sqrt(fan_in)",
              (fanIn, fanOut, random) -> normal(fanIn * fanOut, 1 / Math.sqrt(fanIn), random)),
          new LayerwiseScheme(
              "default",
              "tf.keras's Dense default, Glorot/Xavier uniform: U[-l, l), l = sqrt(6/(fan_in+fan_out))",
              (fanIn, fanOut, random) ->
                  uniform(fanIn * fanOut, Math.sqrt(6.0 / (fanIn + fanOut)), random)),
          new LayerwiseScheme(
              "xavier-normal",
              "Glorot normal as tf.keras: truncated normal, sd sqrt(2/(fan_in+fan_out))",
              (fanIn, fanOut, random) ->
                  truncatedNormal(fanIn * fanOut, Math.sqrt(2.0 / (fanIn + fanOut)), random)),
          new LayerwiseScheme(
              "he-normal",
              "He normal as tf.keras: truncated normal, sd sqrt(2/fan_in)",
              (fanIn, fanOut, random) ->
                  truncatedNormal(fanIn * fanOut, Math.sqrt(2.0 / fanIn), random)),
          new LayerwiseScheme(
              "he-uniform",
              "He uniform: U[-l, l), l = sqrt(6/fan_in)",
              (fanIn, fanOut, random) -> uniform(fanIn * fanOut, Math.sqrt(6.0 / fanIn), random)),
          new LayerwiseScheme(
              "lecun-normal",
              "LeCun normal as tf.keras: truncated normal, sd sqrt(1/fan_in)",
              (fanIn, fanOut, random) ->
                  truncatedNormal(fanIn * fanOut, Math.sqrt(1.0 / fanIn), random)),
          ORTHOGONAL,
          new LsuvScheme(ORTHOGONAL));

  private InitSchemes() {}
}
