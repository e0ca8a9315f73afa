package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.report.ChartData.ScalarChart;
import dev.dltrack.compare.report.ChartData.SeedBand;
import dev.dltrack.compare.testing.RunLogs;
import dev.dltrack.tracker.read.RunLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When runs differ only by seed, each scalar chart draws a band per seed group, not a line per run:
 * at each step the mean of the seeds' values and the Student-t 95% interval of that mean (three
 * seeds 0.80, 0.82, 0.84: mean 0.82 ± 4.302653 · 0.02 / √3 = ± 0.0496827, worked out by hand); a
 * diverged seed's NaN is left out of the step it is at.
 */
class SeedGroupsChartAsBandsTest {
  private static final List<RunLog> RUNS =
      List.of(
          RunLogs.seed("he-normal", 1, 0.50, 0.80),
          RunLogs.seed("he-normal", 2, 0.52, 0.82),
          RunLogs.seed("he-normal", 3, Double.NaN, 0.84),
          RunLogs.seed("zeros", 1, 0.10, 0.11));

  private static ScalarChart chart(List<RunLog> runs) {
    Comparison c = Comparison.of(runs, List.of(MetricSpec.of("val/accuracy")));
    ChartData data = ChartData.of(runs, c.groups(), 1000);
    assertThat(data.groups()).containsExactly("he-normal", "zeros");
    return data.scalars().get(0).charts().get(0);
  }

  @Test
  void aGroupsBandIsTheMeanAndIntervalOfItsSeedsAtEachStep() {
    ScalarChart chart = chart(RUNS);

    assertThat(chart.tag()).isEqualTo("val/accuracy");
    assertThat(chart.lines()).isEmpty();
    SeedBand he = chart.bands().get(0);
    assertThat(he.group()).isZero();
    assertThat(he.x()).containsExactly(1, 2);
    assertThat(he.n()).containsExactly(2, 3);
    assertThat(he.mean()[1]).isCloseTo(0.82f, within(1e-6f));
    assertThat(he.low()[1]).isCloseTo((float) (0.82 - 0.0496827), within(1e-6f));
    assertThat(he.high()[1]).isCloseTo((float) (0.82 + 0.0496827), within(1e-6f));
    // step 1: 0.50 and 0.52, the NaN left out; t(0.975, 1) = 12.706205, sd 0.01414214
    assertThat(he.mean()[0]).isCloseTo(0.51f, within(1e-6f));
    assertThat(he.high()[0] - he.mean()[0])
        .isCloseTo((float) (12.706205 * 0.01414214 / Math.sqrt(2)), within(1e-5f));
  }

  @Test
  void aGroupOfOneSeedIsALineWithoutAnInterval() {
    SeedBand zeros = chart(RUNS).bands().get(1);

    assertThat(zeros.group()).isEqualTo(1);
    assertThat(zeros.mean()).containsExactly(0.1f, 0.11f);
    assertThat(zeros.low()).containsOnlyNulls();
    assertThat(zeros.high()).containsOnlyNulls();
    assertThat(zeros.n()).containsExactly(1, 1);
  }

  @Test
  void longSeriesAreThinnedToTheLimit() {
    List<RunLog> runs = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      double[] values = new double[5000];
      for (int i = 0; i < values.length; i++) {
        values[i] = 0.5 + seed * 0.01 + i * 1e-5;
      }
      runs.add(RunLogs.seed("a", seed, values));
      runs.add(RunLogs.seed("b", seed, values));
    }
    Comparison c = Comparison.of(runs, List.of(MetricSpec.of("val/accuracy")));

    SeedBand band =
        ChartData.of(runs, c.groups(), 1000).scalars().get(0).charts().get(0).bands().get(0);

    assertThat(band.x()).hasSize(1000).startsWith(1).endsWith(5000);
  }
}
