package dev.dltrack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness starts real TensorBoard on a directory of event files written by TensorBoard's own
 * Python code, answers GET and POST with what TensorBoard serves, and stops it on close.
 */
class TensorBoardAnswersOverHttpTest {
  private static TensorBoard tb;

  @BeforeAll
  static void start() {
    tb = TensorBoard.serve(Require.shared("fixtures/tensorboard-hparams"));
  }

  @AfterAll
  static void stop() {
    if (tb != null) {
      tb.close();
    }
  }

  @Test
  void listsTheRunsItFound() {
    assertThat(tb.runs()).containsExactlyInAnyOrder("zeros", "he-normal");
  }

  @Test
  void getWithQueryParametersReturnsParsedJson() {
    JsonNode points =
        tb.get("/data/plugin/scalars/scalars", "run", "he-normal", "tag", "val/accuracy");
    assertThat(points).hasSize(3);
    assertThat(points.get(2).get(1).asLong()).as("step of the last point").isEqualTo(2);
  }

  @Test
  void postSendsJsonToTheHparamsPlugin() {
    JsonNode groups = tb.hparamsSessionGroups();
    assertThat(groups.get("sessionGroups")).hasSize(2);
    assertThat(tb.hparamsExperiment().get("hparamInfos").findValuesAsText("name"))
        .contains("init", "lr", "seed");
  }

  @Test
  void anUnknownRouteFailsNamingTheRouteAndStatus() {
    assertThatThrownBy(() -> tb.get("/data/plugin/no-such-plugin/tags"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("404")
        .hasMessageContaining("/data/plugin/no-such-plugin/tags");
  }

  @Test
  @SuppressWarnings("try") // closed inside the try on purpose: the test is what close() does
  void closeStopsTheServer() {
    try (TensorBoard own = TensorBoard.serve(Require.shared("fixtures/tensorboard-hparams"))) {
      assertThat(own.port()).isNotEqualTo(tb.port());
      own.close();
      assertThatThrownBy(own::runs).hasMessageContaining("did not answer");
    }
  }

  @Test
  void aMissingLogDirIsRefusedByName() {
    Path missing = Path.of("no-such-dir-for-tensorboard");
    assertThatThrownBy(() -> TensorBoard.serve(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-dir-for-tensorboard");
  }
}
