package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A group's statistics over seeds: the mean, the sample standard deviation (n − 1), and the 95%
 * interval mean ± t(0.975, n − 1) · sd / √n, checked against values worked out by hand.
 */
class SeedStatisticsUseStudentTTest {
  @Test
  void threeSeedsGiveTheHandComputedInterval() {
    SampleStatistics s = SampleStatistics.of(0.80, 0.82, 0.84);

    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isCloseTo(0.82, within(1e-12));
    // squared deviations 0.0004 + 0 + 0.0004, over n - 1 = 2: variance 0.0004
    assertThat(s.standardDeviation()).isCloseTo(0.02, within(1e-12));
    // t(0.975, 2) = 4.302652730; 4.302652730 * 0.02 / sqrt(3) = 0.0496827...
    ConfidenceInterval ci = s.ci95().orElseThrow();
    assertThat(ci.halfWidth()).isCloseTo(4.302652730 * 0.02 / Math.sqrt(3), within(1e-9));
    assertThat(ci.halfWidth()).isCloseTo(0.0496827, within(1e-7));
    assertThat(ci.low()).isCloseTo(0.82 - 0.0496827, within(1e-7));
    assertThat(ci.high()).isCloseTo(0.82 + 0.0496827, within(1e-7));
  }

  @Test
  void tQuantilesMatchThePublishedTable() {
    assertThat(SampleStatistics.tQuantile(0.975, 1)).isCloseTo(12.706204736, within(1e-8));
    assertThat(SampleStatistics.tQuantile(0.975, 2)).isCloseTo(4.302652730, within(1e-8));
    assertThat(SampleStatistics.tQuantile(0.975, 4)).isCloseTo(2.776445105, within(1e-8));
    assertThat(SampleStatistics.tQuantile(0.975, 9)).isCloseTo(2.262157163, within(1e-8));
    assertThat(SampleStatistics.tQuantile(0.975, 29)).isCloseTo(2.045229642, within(1e-8));
  }

  @Test
  void oneSeedHasAMeanButNoSpreadOrInterval() {
    SampleStatistics s = SampleStatistics.of(0.9);

    assertThat(s.n()).isEqualTo(1);
    assertThat(s.mean()).isEqualTo(0.9);
    assertThat(s.standardDeviation()).isNaN();
    assertThat(s.ci95()).isEmpty();
  }

  @Test
  void noValuesHaveNoMean() {
    SampleStatistics s = SampleStatistics.of();

    assertThat(s.n()).isZero();
    assertThat(s.mean()).isNaN();
    assertThat(s.ci95()).isEmpty();
  }

  @Test
  void aDivergedSeedLeavesNoInterval() {
    SampleStatistics s = SampleStatistics.of(0.3, Double.NaN, 0.4);

    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isNaN();
    assertThat(s.ci95()).isEmpty();
  }

  @Test
  void identicalSeedsGiveAPointInterval() {
    SampleStatistics s = SampleStatistics.of(0.5, 0.5);

    assertThat(s.standardDeviation()).isZero();
    assertThat(s.ci95()).contains(new ConfidenceInterval(0.5, 0.5));
  }
}
