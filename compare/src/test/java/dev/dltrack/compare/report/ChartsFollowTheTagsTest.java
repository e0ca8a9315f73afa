package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.compare.report.ChartData.Band;
import dev.dltrack.compare.report.ChartData.Density;
import dev.dltrack.compare.report.ChartData.ScalarChart;
import dev.dltrack.compare.report.ChartData.Section;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.compare.testing.Fixtures;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.compare.testing.RunLogs;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Charts are laid out from the tags: each validation tag beside its training counterpart, the
 * other tags by their first path segment; losses with positive values offer a log scale; each
 * histogram tag shows every run's first distribution as a density and its percentiles over steps,
 * the same percentiles TensorBoard's Distributions dashboard serves.
 */
class ChartsFollowTheTagsTest {
  private static RunLog run(String name) {
    RunLog.Builder b = RunLogs.run(name, Map.of("seed", 1.0), name, RunStatus.SUCCESS);
    for (String tag :
        List.of("train/loss", "val/loss", "train/accuracy", "val/accuracy", "train/batch_loss",
            "test/accuracy", "epoch", "layer0/activation/mean")) {
      RunLogs.series(b, tag, 0.5, 0.25);
    }
    b.histogram("layer0/W", new HistogramPoint(0, 1, Histogram.of(new double[] {0, 0.1, 0.2, 0.2, 0.4}, 4)));
    b.histogram("layer0/W", new HistogramPoint(390, 2, Histogram.of(new double[] {0, 0.5, 1.0}, 4)));
    return b.build();
  }

  private static final ChartData DATA = ChartData.of(List.of(run("a"), run("b")), 1000);

  @Test
  void trainingSitsBesideValidationThenTagsGroupByPrefix() {
    assertThat(DATA.scalars()).extracting(Section::title)
        .containsExactly(ChartData.PAIRS_TITLE, "layer0", "test", "train", ChartData.OTHER_TITLE);
    assertThat(DATA.scalars().get(0).charts()).extracting(ScalarChart::tag)
        .containsExactly("train/accuracy", "val/accuracy", "train/loss", "val/loss");
    assertThat(DATA.scalars().get(3).charts()).extracting(ScalarChart::tag).containsExactly("train/batch_loss");
    assertThat(DATA.scalars().get(4).charts()).extracting(ScalarChart::tag).containsExactly("epoch");
  }

  @Test
  void positiveLossesOfferALogScale() {
    assertThat(DATA.scalars().stream().flatMap(s -> s.charts().stream()).filter(ScalarChart::logScale))
        .extracting(ScalarChart::tag)
        .containsExactlyInAnyOrder("train/loss", "val/loss", "train/batch_loss");
    RunLog negative = RunLogs.series(RunLogs.run("n", Map.of(), "", RunStatus.SUCCESS), "val/loss", 0.5, -1).build();
    assertThat(ChartData.of(List.of(negative), 1000).scalars().get(0).charts().get(0).logScale()).isFalse();
  }

  @Test
  void everyRunIsALineByItsIndex() {
    ScalarChart chart = DATA.scalars().get(0).charts().get(0);
    assertThat(DATA.runs()).containsExactly("a", "b");
    assertThat(chart.lines()).extracting(ChartData.Line::run).containsExactly(0, 1);
    assertThat(chart.lines().get(1).x()).containsExactly(1, 2);
    assertThat(chart.lines().get(1).y()).containsExactly(0.5f, 0.25f);
  }

  @Test
  void theFirstDistributionIsADensity() {
    Density d = DATA.histograms().get(0).initial().get(0);

    assertThat(d.step()).isZero();
    // four buckets 0.1 wide over [0, 0.4] holding 1, 1, 2, 1 of 5 values
    assertThat(d.x()).containsExactly(0.05f, 0.15f, 0.25f, 0.35f);
    assertThat(d.y()).containsExactly(2f, 2f, 4f, 2f);
  }

  @Test
  void percentilesOverStepsAreTheOnesTensorBoardServes() throws Exception {
    RunLog python =
        LogRoot.read(Fixtures.dir("tensorboard")).run("tensorboard-python").orElseThrow();

    ChartData data = ChartData.of(List.of(python), 1000);

    Band legacy =
        data.histograms().stream().filter(h -> h.tag().equals("weights/legacy_hist")).findFirst()
            .orElseThrow().bands().get(0);
    JsonNode served;
    try (TensorBoard tb = TensorBoard.serve(Fixtures.dir("tensorboard"))) {
      served =
          tb.get("/data/plugin/distributions/distributions",
              "run", "tensorboard-python", "tag", "weights/legacy_hist");
    }
    assertThat(served).hasSize(1);
    assertThat(legacy.x()).containsExactly(served.get(0).get(1).asInt());
    JsonNode percentiles = served.get(0).get(2);
    assertThat(percentiles).hasSize(legacy.p().length);
    for (int k = 0; k < percentiles.size(); k++) {
      assertThat((double) legacy.p()[k][0])
          .isCloseTo(percentiles.get(k).get(1).asDouble(), within(1e-6));
    }
  }
}
