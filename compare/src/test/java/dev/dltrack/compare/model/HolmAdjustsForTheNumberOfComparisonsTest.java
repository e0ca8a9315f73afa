package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm's step-down adjustment, on examples worked out by hand (the arithmetic is in each test). */
class HolmAdjustsForTheNumberOfComparisonsTest {
  @Test
  void fourPValuesAreMultipliedStepDownAndKeptMonotone() {
    // sorted: 0.005, 0.01, 0.03, 0.04; times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04;
    // running maximum: 0.02, 0.03, 0.06, 0.06; back in the given order:
    double[] adjusted = HolmCorrection.adjust(0.01, 0.04, 0.03, 0.005);

    assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
    assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
    assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
  }

  @Test
  void adjustedValuesAreCappedAtOne() {
    // sorted 0.2, 0.5, 0.6: times 3, 2, 1 = 0.6, 1.0, 0.6; running max 0.6, 1.0, 1.0
    assertThat(HolmCorrection.adjust(0.5, 0.2, 0.6)).containsExactly(1.0, 0.6000000000000001, 1.0);
    assertThat(HolmCorrection.adjust(0.9, 0.8)).containsExactly(1.0, 1.0);
  }

  @Test
  void oneTestIsLeftAsItIs() {
    assertThat(HolmCorrection.adjust(0.037)).containsExactly(0.037);
    assertThat(HolmCorrection.adjust()).isEmpty();
  }

  @Test
  void tiesShareTheirAdjustedValue() {
    // sorted 0.01, 0.01, 0.02: times 3, 2, 1 = 0.03, 0.02, 0.02; running max 0.03, 0.03, 0.03
    assertThat(HolmCorrection.adjust(0.01, 0.02, 0.01)).containsExactly(0.03, 0.03, 0.03);
  }

  @Test
  void aValueOutsideZeroToOneIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HolmCorrection.adjust(0.1, 1.5))
        .withMessage("p-values must be in [0, 1]: 1.5");
  }
}
