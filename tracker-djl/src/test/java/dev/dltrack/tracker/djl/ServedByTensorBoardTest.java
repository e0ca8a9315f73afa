package dev.dltrack.tracker.djl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TensorBoard serves what a DJL run logs, as our reader reads it. */
class ServedByTensorBoardTest {
  @TempDir Path root;

  @Test
  void tensorBoardServesTheDjlRunsScalarsHistogramsAndImages() throws Exception {
    TensorBoard.script(); // skips here (fails under CI) without TensorBoard, before training
    DjlTrainingTest.fitWithEasyTrain(root, "djl");
    try (TensorBoard tb = TensorBoard.serve(root)) {
      // every run, scalar, histogram, distribution, text and hparam, point by point
      TensorBoardAgreement.assertAgrees(tb, LogRoot.read(root));
      JsonNode histograms =
          tb.get("/data/plugin/histograms/histograms", "run", "djl", "tag", "01Linear/grad/weight");
      assertThat(histograms).hasSize(4);
      JsonNode images =
          tb.get(
              "/data/plugin/images/images",
              "run",
              "djl",
              "tag",
              "01Linear/weight/tiles",
              "sample",
              "0");
      assertThat(images).extracting(p -> p.get("step").asLong()).containsExactly(0L, 6L, 12L, 18L);
    }
  }
}
