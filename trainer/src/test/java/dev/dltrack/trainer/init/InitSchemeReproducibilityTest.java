package dev.dltrack.trainer.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitSchemeReproducibilityTest {
  private static final INDArray BATCH = Networks.batch(128, 784, 3);

  static Stream<InitScheme> schemes() {
    return InitScheme.all().stream();
  }

  static Stream<InitScheme> randomSchemes() {
    return schemes().filter(scheme -> !Set.of("zeros", "ones").contains(scheme.name()));
  }

  /** The parameters after {@code scheme} with {@code seed}, on a network seeded differently. */
  private static float[] initialize(InitScheme scheme, long seed, long networkSeed) {
    MultiLayerNetwork net = Networks.study(networkSeed);
    scheme.apply(net, InitContext.withBatch(seed, BATCH));
    return Networks.parameters(net);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void theSameSeedGivesBitIdenticalWeightsWhateverTheNetworksOwnSeed(InitScheme scheme) {
    assertThat(initialize(scheme, 42, 1)).isEqualTo(initialize(scheme, 42, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomSchemes")
  void anotherSeedGivesOtherWeights(InitScheme scheme) {
    assertThat(initialize(scheme, 7, 1)).isNotEqualTo(initialize(scheme, 42, 1));
  }

  @Test
  void eachLayerDrawsFromItsOwnStream() {
    MultiLayerNetwork net = Networks.study(1);

    InitScheme.byName("uniform").apply(net, InitContext.of(42));

    // U[0, 1) ignores the layer's shape: with one shared stream the first draws would coincide.
    double[] first = Networks.values(Networks.weights(net, 0));
    double[] last = Networks.values(Networks.weights(net, 4));
    assertThat(Arrays.copyOf(first, 100)).isNotEqualTo(Arrays.copyOf(last, 100));
  }
}
