package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reopening a run whose summary holds a histogram: the earlier summary is read back as JSON
 * values and written again through the W&amp;B writer's own mapper, not through whatever codec a
 * shared factory happens to carry.
 */
class ReopenedSummaryKeepsHistogramsTest {
  @TempDir Path root;

  @Test
  void theHistogramInTheEarlierSummarySurvivesAppendingToTheRun() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").open()) {
      run.histogram("layer0/W", 0, new double[] {-1, 0, 0, 1, Double.NaN});
      run.scalar("loss", 0, 1.0);
    }
    Map<String, Object> before = WandbRuns.read(root.resolve("r")).summary();

    try (Run run = Run.builder("r").logRoot(root).formats("wandb").resume().open()) {
      run.scalar("loss", 1, 0.5);
    }
    WandbRun after = WandbRuns.read(root.resolve("r"));
    assertThat(after.summary().get("layer0/W")).isEqualTo(before.get("layer0/W"));
    Histogram h = WandbRun.histogram(after.summary().get("layer0/W")).orElseThrow();
    assertThat(h.count()).isEqualTo(4);
    assertThat(after.summary()).containsEntry("loss", 0.5).containsEntry("layer0/W/nonfinite", 1.0);
    assertThat(after.history()).hasSize(2);
    RunLog log = WandbRuns.readRunLog(root.resolve("r"), "r");
    assertThat(log.histograms("layer0/W")).hasSize(1);
    assertThat(log.scalars("loss")).hasSize(2);
  }

  @Test
  void aCorruptEarlierSummaryFailsTheOpeningNamingItAndChangesNothing() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 1.0);
    }
    Path summary = root.resolve("r/wandb/wandb-summary.json");
    Path metadata = root.resolve("r/wandb/wandb-metadata.json");
    Files.writeString(summary, "{\"loss\": 1.0,");
    String metadataBefore = Files.readString(metadata);
    assertThatThrownBy(() -> Run.builder("r").logRoot(root).formats("wandb").resume().open())
        .hasStackTraceContaining(CorruptRunFileException.class.getSimpleName())
        .hasStackTraceContaining(summary.toString());
    assertThat(Files.readString(metadata)).isEqualTo(metadataBefore);
    assertThat(Files.readString(summary)).isEqualTo("{\"loss\": 1.0,");
  }

  @Test
  void aNullEarlierSummaryIsReadAsEmpty() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 1.0);
    }
    Files.writeString(root.resolve("r/wandb/wandb-summary.json"), "null");
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").resume().open()) {
      run.scalar("acc", 1, 0.5);
    }
    assertThat(WandbRuns.read(root.resolve("r")).summary())
        .containsEntry("acc", 0.5)
        .doesNotContainKey("loss");
  }

  @Test
  void theWritersJsonFactoryCarriesNoCodecToDependOn() {
    assertThat(WandbFiles.JSON.getCodec()).isNull();
    assertThat(WandbFiles.JSON_MAPPER.getFactory()).isNotSameAs(WandbFiles.JSON);
  }
}
