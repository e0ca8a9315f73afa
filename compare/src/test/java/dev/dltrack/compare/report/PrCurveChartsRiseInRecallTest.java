package dev.dltrack.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A PR curve chart draws each run's curve at its last step as precision over rising recall: one
 * point per recall (the best precision there), none where nothing is predicted positive.
 */
class PrCurveChartsRiseInRecallTest {
  private static PrCurve curve(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[] labels = new boolean[500];
    float[] p = new float[500];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextBoolean();
      p[i] = (float) Math.min(0.9, Math.max(0, (labels[i] ? 0.6 : 0.4) + 0.2 * r.nextGaussian()));
    }
    return PrCurve.of(labels, p, 51);
  }

  @Test
  void eachRunsLastCurveIsDrawnWithRecallRising() {
    PrCurve first = curve(1);
    PrCurve last = curve(2);
    RunLog a =
        RunLog.builder("a", Path.of("a"))
            .prCurve("pr/x", new PrCurvePoint(1, 10, first))
            .prCurve("pr/x", new PrCurvePoint(5, 20, last))
            .build();
    RunLog b = RunLog.builder("b", Path.of("b")).build();

    ChartData data = ChartData.of(List.of(a, b), 1000);

    assertThat(data.prCurves())
        .singleElement()
        .satisfies(tag -> assertThat(tag.tag()).isEqualTo("pr/x"));
    ChartData.Curve drawn = data.prCurves().get(0).curves().get(0);
    assertThat(data.prCurves().get(0).curves()).hasSize(1);
    assertThat(drawn.run()).isZero();
    assertThat(drawn.step()).isEqualTo(5);
    assertThat(drawn.x()).isSorted().doesNotHaveDuplicates();
    double[] tp = last.truePositives();
    double[] fp = last.falsePositives();
    // no probability above 0.9: the thresholds above it predict nothing positive and are left out
    assertThat(drawn.x().length).isLessThan(51);
    for (int k = 0; k < drawn.x().length; k++) {
      float best = -1;
      for (int i = 0; i < last.thresholds(); i++) {
        if (tp[i] + fp[i] > 0 && (float) last.recall()[i] == drawn.x()[k]) {
          best = Math.max(best, (float) last.precision()[i]);
        }
      }
      assertThat(drawn.y()[k]).as("precision at recall %s", drawn.x()[k]).isEqualTo(best);
    }
    assertThat(drawn.x()[drawn.x().length - 1]).isEqualTo(1f);
  }
}
