package dev.dltrack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The products one training iteration of the study's MLP cannot do without. */
class GemmFloorIterationTest {
  @Test
  void theStudysIterationNeedsEightGemmsOf129Mflop() {
    List<GemmFloor.Gemm> gemms = GemmFloor.iteration(128, 784, 256, 128, 10);

    // forward and weight gradient per layer; input gradients for the two upper layers only
    assertThat(gemms).hasSize(8);
    assertThat(gemms)
        .extracting(GemmFloor.Gemm::name)
        .filteredOn(n -> n.contains("input gradient"))
        .containsExactly("layer 1 input gradient W·δᵀ", "layer 2 input gradient W·δᵀ");
    double flops = gemms.stream().mapToDouble(GemmFloor.Gemm::flops).sum();
    // 2·128·(784·256 + 256·128 + 128·10)·2 + 2·128·(256·128 + 128·10)
    assertThat(flops).isCloseTo(128_909_312, within(0.5));
  }

  @Test
  void eachProductHasTheShapeAndLayoutTrainingGivesIt() {
    List<GemmFloor.Gemm> gemms = GemmFloor.iteration(128, 784, 256, 128, 10);
    // x [128, 784] c-order times W [784, 256] f-order into a c-order pre-activation
    assertThat(gemms.get(0))
        .isEqualTo(
            new GemmFloor.Gemm("layer 0 forward x·W", 128, 256, 784, 'c', false, 'f', false, 'c'));
    // xᵀ·δ into the f-order weight gradient [784, 256]
    assertThat(gemms.get(1))
        .isEqualTo(
            new GemmFloor.Gemm(
                "layer 0 weight gradient xᵀ·δ", 784, 256, 128, 'c', true, 'c', false, 'f'));
    // W [256, 128] f-order times δᵀ into DL4J's f-order [256, 128] before it transposes it
    assertThat(gemms.get(4))
        .isEqualTo(
            new GemmFloor.Gemm(
                "layer 1 input gradient W·δᵀ", 256, 128, 128, 'f', false, 'c', true, 'f'));
  }
}
