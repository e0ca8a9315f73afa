package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.testing.ManualClock;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Run} writes, served by real TensorBoard: every scalar as the float32 that was
 * logged (NaN and ±Inf kept), histograms with our buckets, their distributions, markdown text,
 * and one HParams row per run with its config and end status.
 */
class TensorBoardServesWhatARunLogsTest {
  @TempDir static Path root;
  private static TensorBoard tb;
  private static final double[] LOSSES = {2.5, 1.25, Double.NaN, Double.POSITIVE_INFINITY, -0.001, 1e-30};
  private static final float[] WEIGHTS = new float[1000];

  @BeforeAll
  static void logTwoRunsAndServeThem() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < WEIGHTS.length; i++) {
      WEIGHTS[i] = (float) random.nextGaussian();
    }
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    try (Run run =
        Run.builder("he-normal")
            .logRoot(root)
            .formats("tensorboard")
            .clock(clock)
            .config(Map.of("scheme", "he-normal", "lr", 1e-3, "seed", 1))
            .open()) {
      for (int i = 0; i < LOSSES.length; i++) {
        clock.advanceMillis(250);
        run.scalar("train/loss", 10L * i, LOSSES[i]);
      }
      run.histogram("layer0/W", 0, WEIGHTS);
      float[] withNonFinite = WEIGHTS.clone();
      withNonFinite[0] = Float.NaN;
      withNonFinite[1] = Float.NEGATIVE_INFINITY;
      clock.advanceMillis(1000);
      run.histogram("layer0/W", 50, withNonFinite);
      run.text("notes", 0, "a *markdown* note");
    }
    Run failed =
        Run.builder("zeros")
            .logRoot(root)
            .formats("tensorboard")
            .clock(clock)
            .config(Map.of("scheme", "zeros", "lr", 1e-3, "seed", 1))
            .open();
    failed.scalar("train/loss", 0, 2.302);
    failed.fail("loss became NaN at step 1");
    TfeventsCheck.assertSound(root);
    tb = TensorBoardAgreement.serveAll(root);
  }

  @AfterAll
  static void stopTensorBoard() {
    if (tb != null) {
      tb.close();
    }
  }

  @Test
  void scalarsAreServedAsTheFloat32Logged() {
    JsonNode points = tb.get("/data/plugin/scalars/scalars", "run", "he-normal", "tag", "train/loss");
    assertThat(points).hasSize(LOSSES.length);
    for (int i = 0; i < LOSSES.length; i++) {
      assertThat(points.get(i).get(1).asLong()).isEqualTo(10L * i);
      assertThat(Double.valueOf(points.get(i).get(2).asDouble()))
          .as("train/loss at step %d", 10 * i)
          .isEqualTo(Double.valueOf((float) LOSSES[i]));
    }
    assertThat(points.get(0).get(0).asDouble()).isEqualTo(1_700_000_000.25);
  }

  @Test
  void histogramsHoldEveryFiniteValueInOurBuckets() {
    JsonNode points = tb.get("/data/plugin/histograms/histograms", "run", "he-normal", "tag", "layer0/W");
    assertThat(points).hasSize(2);
    Histogram ours = Histogram.of(WEIGHTS);
    List<Double> counts = new ArrayList<>();
    points.get(0).get(2).forEach(b -> counts.add(b.get(2).asDouble()));
    assertThat(counts.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(WEIGHTS.length);
    assertThat(points.get(0).get(2).get(0).get(0).asDouble()).isEqualTo((double) (float) ours.min());
    JsonNode last = points.get(1).get(2);
    double total = 0;
    for (JsonNode b : last) {
      total += b.get(2).asDouble();
    }
    assertThat(total).as("NaN and -Inf are left out of the histogram").isEqualTo(WEIGHTS.length - 2);
    assertThat(TensorBoardAgreement.tags(tb.get("/data/plugin/scalars/tags"), "he-normal"))
        .contains("layer0/W/nonfinite");
  }

  @Test
  void distributionsArePercentilesOfTheSameBuckets() throws Exception {
    TensorBoardAgreement.assertSameDistributions(tb, LogRoot.read(root));
  }

  @Test
  void textIsServedAsRenderedMarkdown() {
    JsonNode texts = tb.get("/data/plugin/text/text", "run", "he-normal", "tag", "notes");
    assertThat(texts).hasSize(1);
    assertThat(texts.get(0).get("text").asText()).isEqualTo("<p>a <em>markdown</em> note</p>");
  }

  @Test
  void eachRunIsAnHParamsRowWithItsConfigAndStatus() {
    JsonNode groups = tb.hparamsSessionGroups().get("sessionGroups");
    assertThat(groups).hasSize(2);
    for (JsonNode g : groups) {
      String scheme = g.get("hparams").get("scheme").asText();
      assertThat(g.get("hparams").get("lr").asDouble()).isEqualTo(1e-3);
      assertThat(g.get("sessions").get(0).get("status").asText())
          .isEqualTo(scheme.equals("zeros") ? "STATUS_FAILURE" : "STATUS_SUCCESS");
    }
  }

  @Test
  void everyDashboardAgreesWithTheReader() throws Exception {
    LogRoot logs = LogRoot.read(root);
    TensorBoardAgreement.assertAgrees(tb, logs);
  }
}
