package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad W&amp;B files: what cannot be read is an error naming the file and line; what is only
 * incomplete is read, with a warning naming the file and line. Never a NullPointerException or
 * ClassCastException.
 */
class WandbRunsBadFilesTest {
  private static final String ROW0 = "{\"loss\":1.0,\"_step\":0,\"_runtime\":1.0,\"_timestamp\":101.0}";
  private static final String ROW2 = "{\"loss\":0.5,\"_step\":2,\"_runtime\":3.0,\"_timestamp\":103.0}";

  @TempDir Path runDir;
  private Path dir;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createDirectories(runDir.resolve("wandb"));
    Files.writeString(
        dir.resolve("config.yaml"),
        "wandb_version: 1\nlr:\n  desc: null\n  value: 0.1\n_wandb:\n  desc: null\n  value:\n"
            + "    start_time: 100.0\n");
  }

  private void history(String... lines) throws IOException {
    Files.writeString(dir.resolve("wandb-history.jsonl"), String.join("\n", lines) + "\n");
  }

  private RunLog readRunLog() throws IOException {
    return WandbRuns.readRunLog(runDir, "r");
  }

  @Test
  void aNullHistoryLineIsAnErrorNamingFileAndLine() throws Exception {
    history(ROW0, "null", ROW2);
    assertThatThrownBy(this::readRunLog)
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining(dir.resolve("wandb-history.jsonl") + ":2: holds null")
        .satisfies(
            e -> {
              CorruptRunFileException c = (CorruptRunFileException) e;
              assertThat(c.file()).isEqualTo(dir.resolve("wandb-history.jsonl"));
              assertThat(c.line()).isEqualTo(2);
            });
  }

  @Test
  void aHistoryLineThatIsNotAnObjectIsAnErrorNamingFileAndLine() throws Exception {
    history(ROW0, "[1, 2]", ROW2);
    assertThatThrownBy(this::readRunLog)
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining("wandb-history.jsonl:2: holds an array");
  }

  @Test
  void aGarbageLineInTheMiddleIsAnErrorNamingFileAndLine() throws Exception {
    history(ROW0, "{\"loss\": 0.7, \"_st", ROW2);
    assertThatThrownBy(this::readRunLog)
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining(dir.resolve("wandb-history.jsonl") + ":2: not JSON");
  }

  @Test
  void anEmptyRowIsSkippedWithAWarningAndTheRestIsRead() throws Exception {
    history(ROW0, "{}", ROW2);
    RunLog log = readRunLog();
    assertThat(log.scalars("loss")).extracting(ScalarPoint::step).containsExactly(0L, 2L);
    assertThat(log.warnings()).contains("wandb-history.jsonl:2: no _step; row skipped");
  }

  @Test
  void aStringStepIsSkippedWithAWarningNamingItsLine() throws Exception {
    history(ROW0, "{\"loss\":0.7,\"_step\":\"1\",\"_runtime\":2.0,\"_timestamp\":102.0}", ROW2);
    RunLog log = readRunLog();
    assertThat(log.scalars("loss")).extracting(ScalarPoint::step).containsExactly(0L, 2L);
    assertThat(log.warnings())
        .contains("wandb-history.jsonl:2: _step is a string '1', not an integer; row skipped");
    assertThat(WandbRuns.read(runDir).series("loss")).hasSize(2);
  }

  @Test
  void aRowWithoutTimestampIsReadWithItsWallTimeFromTheStartAndRuntime() throws Exception {
    history(ROW0, "{\"loss\":0.7,\"_step\":1,\"_runtime\":2.0}", "{\"loss\":0.6,\"_step\":2}");
    RunLog log = readRunLog();
    assertThat(log.scalars("loss"))
        .extracting(ScalarPoint::wallTime)
        .containsExactly(101.0, 102.0, Double.NaN);
    assertThat(log.warnings()).isEmpty();
  }

  @Test
  void aWholeNumberStepWrittenAsADecimalIsAccepted() throws Exception {
    history("{\"loss\":0.7,\"_step\":3.0,\"_timestamp\":102.0}");
    assertThat(readRunLog().scalars("loss")).extracting(ScalarPoint::step).containsExactly(3L);
  }

  @Test
  void aMalformedHistogramIsLeftOutWithAWarningAndTheRowsOtherValuesAreRead() throws Exception {
    history(
        "{\"w\":{\"_type\":\"histogram\",\"values\":[\"x\",1],\"bins\":[0,1,2]},\"loss\":1.0,"
            + "\"_step\":0,\"_timestamp\":101.0}",
        "{\"w\":{\"_type\":\"histogram\",\"values\":[1,1],\"bins\":[0,1]},\"_step\":1,"
            + "\"_timestamp\":102.0}");
    RunLog log = readRunLog();
    assertThat(log.scalars("loss")).hasSize(1);
    assertThat(log.histograms("w")).isEmpty();
    assertThat(log.warnings())
        .anyMatch(w -> w.startsWith("wandb-history.jsonl:1: 'w' is not a valid histogram"))
        .anyMatch(w -> w.startsWith("wandb-history.jsonl:2: 'w' is not a valid histogram"));
  }

  @Test
  void nullOrEmptySummaryMetadataAndConfigReadAsEmptyWithAWarning() throws Exception {
    history(ROW0);
    Files.writeString(dir.resolve("wandb-summary.json"), "null");
    Files.writeString(dir.resolve("wandb-metadata.json"), "null\n");
    Files.writeString(dir.resolve("config.yaml"), "");
    RunLog log = readRunLog();
    assertThat(log.scalars("loss")).hasSize(1);
    assertThat(log.session().orElseThrow().hparams()).isEmpty();
    assertThat(log.warnings())
        .contains(
            "wandb-summary.json is empty (or null); read as empty",
            "wandb-metadata.json is empty (or null); read as empty",
            "config.yaml is empty (or null); read as empty");
  }

  @Test
  void aSummaryThatIsNotJsonIsAnErrorNamingFileAndLine() throws Exception {
    history(ROW0);
    Files.writeString(dir.resolve("wandb-summary.json"), "{\n  \"loss\": 1.0,\n  oops\n}");
    assertThatThrownBy(this::readRunLog)
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining(dir.resolve("wandb-summary.json") + ":3: not JSON");
  }

  @Test
  void aSummaryThatIsNotAnObjectIsAnErrorNamingTheFile() throws Exception {
    history(ROW0);
    Files.writeString(dir.resolve("wandb-summary.json"), "[1, 2]");
    assertThatThrownBy(() -> WandbRuns.read(runDir))
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining(dir.resolve("wandb-summary.json") + ": holds an array");
  }

  @Test
  void aConfigThatIsNotYamlIsAnErrorNamingTheFile() throws Exception {
    history(ROW0);
    Files.writeString(dir.resolve("config.yaml"), "lr: [0.1\nseed: 1\n");
    assertThatThrownBy(() -> WandbRuns.read(runDir))
        .isInstanceOf(CorruptRunFileException.class)
        .hasMessageContaining(dir.resolve("config.yaml").toString())
        .hasMessageContaining("not YAML");
  }
}
