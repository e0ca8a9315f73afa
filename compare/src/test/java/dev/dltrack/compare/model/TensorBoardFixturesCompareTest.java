package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.Fixtures;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.testsupport.TensorBoard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs written by TensorBoard's and TensorFlow's own code (the workplace's shared fixtures)
 * compare with the values real TensorBoard serves for them.
 */
class TensorBoardFixturesCompareTest {
  /** TensorBoard's last point of a scalar series, and its lowest or highest value. */
  private static ScalarPoint servedPoint(JsonNode p) {
    return new ScalarPoint(p.get(1).asLong(), p.get(0).asDouble(), p.get(2).asDouble());
  }

  private static List<ScalarPoint> served(TensorBoard tb, String run, String tag) {
    List<ScalarPoint> points = new ArrayList<>();
    tb.get("/data/plugin/scalars/scalars", "run", run, "tag", tag)
        .forEach(p -> points.add(servedPoint(p)));
    return points;
  }

  @Test
  void finalAndBestValuesAreTheOnesTensorBoardServes() throws Exception {
    Path fixture = Fixtures.dir("tensorboard");
    Comparison c =
        Comparison.of(
            LogRoot.read(fixture).runs(),
            List.of(MetricSpec.of("acc/tensor"), MetricSpec.of("loss"), MetricSpec.of("loss/simple")));

    assertThat(c.runs()).extracting(RunSummary::name).containsExactly("tensorboard-python", "tensorflow-native");
    try (TensorBoard tb = TensorBoard.serve(fixture)) {
      RunSummary python = c.runs().get(0);
      List<ScalarPoint> acc = served(tb, "tensorboard-python", "acc/tensor");
      assertThat(python.metric(0).last()).contains(acc.get(acc.size() - 1));
      // accuracy 0.1*s rises: the best is the last
      assertThat(python.metric(0).best()).isEqualTo(python.metric(0).last());
      assertThat(python.metric(1).last()).isEmpty();
      // loss/simple = 1/(s+1): lowest at the last step
      List<ScalarPoint> loss = served(tb, "tensorboard-python", "loss/simple");
      assertThat(python.metric(2).best())
          .contains(loss.stream().min(Comparator.comparingDouble(ScalarPoint::value)).orElseThrow());

      RunSummary tensorflow = c.runs().get(1);
      List<ScalarPoint> tfLoss = served(tb, "tensorflow-native", "loss");
      assertThat(tensorflow.metric(1).finalValue()).hasValue(tfLoss.get(tfLoss.size() - 1).value());
      assertThat(tensorflow.metric(1).best().map(ScalarPoint::step))
          .contains(tfLoss.stream().min(Comparator.comparingDouble(ScalarPoint::value)).orElseThrow().step());
    }
    RunSummary python = c.runs().get(0);
    assertThat(python.hparams()).containsEntry("init", "he_normal").containsEntry("seed", 1.0);
    assertThat(python.group()).isEqualTo("he_normal-1");
    RunSummary tensorflow = c.runs().get(1);
    assertThat(tensorflow.status()).isEmpty();
    assertThat(tensorflow.hparams()).isEmpty();
    // no session, no hparams: every run is its own group, named by its session group or name
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("he_normal-1", "tensorflow-native");
  }

  @Test
  void theTextTablePrintsThem() throws Exception {
    String text =
        Compare.print(ComparisonRequest.builder(Fixtures.dir("tensorboard-hparams")).metric("val/accuracy"));

    // no session end: status unknown, wall time from the session start to the last record
    assertThat(text)
        .startsWith(
            "                      val/accuracy\n"
                + "run        init        final    best  step  status   wall\n"
                + "he-normal  he-normal  0.8800  0.8800     2  unknown  3.0s\n"
                + "zeros      zeros      0.1000  0.1000     2  unknown  3.0s\n");
  }

  @Test
  void inferredHParamsDifferAsTensorBoardSays() throws Exception {
    Comparison c =
        Comparison.of(
            LogRoot.read(Fixtures.dir("tensorboard-hparams")).runs(),
            MetricSpec.DEFAULTS);

    assertThat(c.hparamNames()).containsExactly("init", "lr", "seed");
    assertThat(c.differingHParams()).containsExactly("init");
    try (TensorBoard tb = TensorBoard.serve(Fixtures.dir("tensorboard-hparams"))) {
      List<String> differing = new ArrayList<>();
      tb.hparamsExperiment().get("hparamInfos").forEach(h -> {
        if (h.path("differs").asBoolean()) {
          differing.add(h.get("name").asText());
        }
      });
      assertThat(c.differingHParams()).containsExactlyElementsOf(differing);
    }
    assertThat(c.runs()).extracting(r -> r.metric(0).finalValue().getAsDouble())
        .containsExactly(0.8799999952316284, 0.10000000149011612);
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("he-normal", "zeros");
    assertThat(c.missingMetrics()).containsExactly("val/loss", "test/accuracy");
    assertThat(c.notes())
        .contains(
            "no run logged val/loss; scalar tags logged: val/accuracy",
            "no run logged test/accuracy; scalar tags logged: val/accuracy");
  }
}
