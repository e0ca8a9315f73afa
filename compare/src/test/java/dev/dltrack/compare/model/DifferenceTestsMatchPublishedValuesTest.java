package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.compare.model.DifferenceTest.Design;
import org.junit.jupiter.api.Test;

/**
 * The t tests of a difference against values computed independently: Student's sleep data (the
 * textbook example of R's {@code t.test(extra ~ group, data = sleep)}, whose output R's manual
 * prints), and seed-like accuracies checked with SciPy 1.17 ({@code scipy.stats.ttest_rel} and
 * {@code ttest_ind(equal_var=False)}, with {@code .confidence_interval(0.95)}).
 */
class DifferenceTestsMatchPublishedValuesTest {
  /** Cushny and Peebles' extra hours of sleep under two drugs, ten patients (Student 1908). */
  private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

  private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

  @Test
  void thePairedSleepDataGiveRsOutput() {
    // R: t = -4.0621, df = 9, p-value = 0.002833, 95 percent CI -2.4598858 -0.7001142
    DifferenceTest t = DifferenceTest.paired(SLEEP_1, SLEEP_2).orElseThrow();

    assertThat(t.design()).isEqualTo(Design.PAIRED);
    assertThat(t.n1()).isEqualTo(10);
    assertThat(t.difference()).isCloseTo(-1.58, within(1e-12));
    assertThat(t.degreesOfFreedom()).isEqualTo(9.0);
    assertThat(t.difference() / t.standardError()).isCloseTo(-4.062127683382037, within(1e-10));
    assertThat(t.p()).isCloseTo(0.002832890197384273, within(1e-10));
    assertThat(t.ci95().low()).isCloseTo(-2.459885763276983, within(1e-9));
    assertThat(t.ci95().high()).isCloseTo(-0.7001142367230175, within(1e-9));
  }

  @Test
  void theSleepDataAsIndependentSamplesGiveRsWelchOutput() {
    // R: t = -1.8608, df = 17.776, p-value = 0.07939, 95 percent CI -3.3654832 0.2054832
    DifferenceTest t = DifferenceTest.welch(SLEEP_1, SLEEP_2).orElseThrow();

    assertThat(t.design()).isEqualTo(Design.WELCH);
    assertThat(t.difference()).isCloseTo(-1.58, within(1e-12));
    assertThat(t.degreesOfFreedom()).isCloseTo(17.776473516178488, within(1e-9));
    assertThat(t.difference() / t.standardError()).isCloseTo(-1.8608134674868526, within(1e-10));
    assertThat(t.p()).isCloseTo(0.0793941401873583, within(1e-10));
    assertThat(t.ci95().low()).isCloseTo(-3.3654832307117104, within(1e-9));
    assertThat(t.ci95().high()).isCloseTo(0.20548323071171137, within(1e-9));
  }

  @Test
  void unequalGroupsOfAccuraciesGiveScipysWelchValues() {
    double[] a = {0.80, 0.82, 0.84};
    double[] b = {0.75, 0.79, 0.77, 0.80};

    DifferenceTest t = DifferenceTest.welch(a, b).orElseThrow();

    assertThat(t.n1()).isEqualTo(3);
    assertThat(t.n2()).isEqualTo(4);
    assertThat(t.difference()).isCloseTo(0.0425, within(1e-12));
    assertThat(t.degreesOfFreedom()).isCloseTo(4.715532467532475, within(1e-9));
    assertThat(t.p()).isCloseTo(0.047894633494733246, within(1e-10));
    assertThat(t.ci95().low()).isCloseTo(0.0005926456194106991, within(1e-9));
    assertThat(t.ci95().high()).isCloseTo(0.08440735438058905, within(1e-9));
  }

  /**
   * Five seeds of two schemes whose own 95% intervals overlap ([0.8790, 0.8858] and [0.8756,
   * 0.8844]) while the paired difference is significant: seeds that are good for one scheme are
   * good for the other, and pairing removes that shared spread. Welch's test, which ignores the
   * pairing, finds nothing.
   */
  @Test
  void pairingFindsADifferenceThatOverlappingIntervalsHide() {
    double[] a = {0.881, 0.884, 0.879, 0.886, 0.882};
    double[] b = {0.878, 0.883, 0.875, 0.884, 0.880};
    assertThat(SampleStatistics.of(a).ci95().orElseThrow().low())
        .isLessThan(SampleStatistics.of(b).ci95().orElseThrow().high());

    DifferenceTest paired = DifferenceTest.paired(a, b).orElseThrow();
    DifferenceTest welch = DifferenceTest.welch(a, b).orElseThrow();

    // scipy: ttest_rel t = 4.706787243316416, p = 0.009261696759514423, CI [0.000984285,
    // 0.003815715]
    assertThat(paired.difference()).isCloseTo(0.0024, within(1e-12));
    assertThat(paired.p()).isCloseTo(0.009261696759514423, within(1e-10));
    assertThat(paired.ci95().low()).isCloseTo(0.0009842852230177285, within(1e-11));
    assertThat(paired.ci95().high()).isCloseTo(0.0038157147769822754, within(1e-11));
    // scipy: ttest_ind(equal_var=False) t = 1.1766968108290279, df = 7.347202173728455, p = 0.27603
    assertThat(welch.degreesOfFreedom()).isCloseTo(7.347202173728455, within(1e-9));
    assertThat(welch.p()).isCloseTo(0.2760283415599954, within(1e-10));
    assertThat(welch.ci95().low()).isNegative();
  }

  @Test
  void fewerThanTwoValuesOrANonFiniteOneGiveNoTest() {
    assertThat(DifferenceTest.paired(new double[] {0.8}, new double[] {0.7})).isEmpty();
    assertThat(DifferenceTest.welch(new double[] {0.8}, new double[] {0.7, 0.71})).isEmpty();
    assertThat(DifferenceTest.welch(new double[] {0.8, Double.NaN}, new double[] {0.7, 0.71}))
        .isEmpty();
    assertThat(DifferenceTest.paired(new double[] {0.8, 0.9}, new double[] {0.7, Double.NaN}))
        .isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DifferenceTest.paired(new double[] {0.8, 0.9}, new double[] {0.7}))
        .withMessageContaining("2 and 1");
  }

  @Test
  void aConstantDifferenceIsCertain() {
    // binary fractions, so that both differences are exactly 0.25
    DifferenceTest same =
        DifferenceTest.paired(new double[] {0.75, 0.5}, new double[] {0.5, 0.25}).orElseThrow();
    DifferenceTest none =
        DifferenceTest.welch(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}).orElseThrow();

    assertThat(same.difference()).isEqualTo(0.25);
    assertThat(same.p()).isZero();
    assertThat(same.ci95().halfWidth()).isZero();
    assertThat(none.p()).isEqualTo(1.0);
    assertThat(none.degreesOfFreedom()).isEqualTo(2.0);
  }
}
