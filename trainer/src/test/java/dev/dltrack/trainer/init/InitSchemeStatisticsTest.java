package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * On the study's network, each scheme's weights follow its formula in every layer. Tolerances are
 * five standard errors of the statistic for the layer's sample size (1,280 to 200,704 weights).
 */
class InitSchemeStatisticsTest {
  private static final double TRUNCATION = 2 / 0.8796256610342398;

  /** What a layer's weights should look like: their mean, standard deviation and range. */
  record Expected(double mean, double sd, double low, double high) {
    static Expected uniform(double low, double high) {
      return new Expected((low + high) / 2, (high - low) / Math.sqrt(12), low, high);
    }

    static Expected symmetricUniform(double limit) {
      return uniform(-limit, limit);
    }

    static Expected truncatedNormal(double sd) {
      return new Expected(0, sd, -TRUNCATION * sd, TRUNCATION * sd);
    }
  }

  static Stream<Arguments> randomSchemes() {
    return Stream.of(
        scheme("uniform", (in, out) -> Expected.uniform(0, 1)),
        scheme("uniform-rule", (in, out) -> Expected.symmetricUniform(1 / Math.sqrt(in))),
        scheme("normal-rule", (in, out) ->
            new Expected(0, 1 / Math.sqrt(in), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)),
        scheme("default", (in, out) -> Expected.symmetricUniform(Math.sqrt(6.0 / (in + out)))),
        scheme("xavier-normal",
            (in, out) -> Expected.truncatedNormal(Math.sqrt(2.0 / (in + out)))),
        scheme("he-normal", (in, out) -> Expected.truncatedNormal(Math.sqrt(2.0 / in))),
        scheme("he-uniform", (in, out) -> Expected.symmetricUniform(Math.sqrt(6.0 / in))),
        scheme("lecun-normal", (in, out) -> Expected.truncatedNormal(Math.sqrt(1.0 / in))));
  }

  private static Arguments scheme(String name, BiFunction<Long, Long, Expected> expected) {
    return Arguments.of(name, expected);
  }

  private static MultiLayerNetwork initialized(String scheme) {
    MultiLayerNetwork net = Networks.study(1);
    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      Networks.biases(net, layer).assign(1);
    }
    InitScheme.byName(scheme).apply(net, InitContext.of(42));
    return net;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomSchemes")
  void weightsFollowTheSchemesDistributionInEveryLayer(
      String scheme, BiFunction<Long, Long, Expected> expectations) {
    MultiLayerNetwork net = initialized(scheme);

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      INDArray w = Networks.weights(net, layer);
      Expected expected = expectations.apply(w.size(0), w.size(1));
      double[] values = Networks.values(w);
      int n = values.length;
      double mean = Arrays.stream(values).average().orElseThrow();
      double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / n);
      double min = Arrays.stream(values).min().orElseThrow();
      double max = Arrays.stream(values).max().orElseThrow();

      assertThat(mean).as("mean of layer %d", layer)
          .isCloseTo(expected.mean(), within(5 * expected.sd() / Math.sqrt(n)));
      assertThat(sd).as("standard deviation of layer %d", layer)
          .isCloseTo(expected.sd(), within(5 * expected.sd() / Math.sqrt(2 * n)));
      assertThat(min).as("minimum of layer %d", layer).isGreaterThanOrEqualTo(expected.low());
      assertThat(max).as("maximum of layer %d", layer).isLessThanOrEqualTo(expected.high());
      if (Double.isFinite(expected.low())) {
        // The extremes come close to the bounds, so the bounds are the scheme's, not narrower.
        double width = expected.high() - expected.low();
        assertThat(min).as("minimum of layer %d", layer)
            .isLessThan(expected.low() + 0.05 * width);
        assertThat(max).as("maximum of layer %d", layer)
            .isGreaterThan(expected.high() - 0.05 * width);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomSchemes")
  void biasesAreZero(String scheme) {
    MultiLayerNetwork net = initialized(scheme);

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      assertThat(Networks.values(Networks.biases(net, layer))).containsOnly(0.0);
    }
  }

  @Test
  void zerosSetsEveryParameterToZero() {
    assertThat(Networks.parameters(initialized("zeros"))).containsOnly(0f);
  }

  @Test
  void onesSetsEveryWeightToOneAndEveryBiasToZero() {
    MultiLayerNetwork net = initialized("ones");

    for (int layer : Networks.STUDY_DENSE_LAYERS) {
      assertThat(Networks.values(Networks.weights(net, layer))).containsOnly(1.0);
      assertThat(Networks.values(Networks.biases(net, layer))).containsOnly(0.0);
    }
  }
}
