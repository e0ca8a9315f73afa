package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The W&amp;B files, field by field, and loaded by pandas as W&amp;B users load them. */
class WandbFileFormatTest {
  @TempDir Path root;
  private Path dir;

  @BeforeEach
  void writeARun() throws Exception {
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    try (Run run =
        Run.builder("wb")
            .logRoot(root)
            .formats("wandb")
            .clock(clock)
            .config(Map.of("lr", 0.001))
            .config("scheme", "he-normal")
            .program("train", List.of("--epochs", "2"))
            .open()) {
      for (int step = 0; step < 3; step++) {
        clock.advanceMillis(1500);
        run.scalar("train/loss", step, 1.0 / (step + 1));
        run.scalar("train/acc", step, 0.5 + step / 10.0);
      }
      run.histogram("w", 2, new double[] {-1, 0, 0, 1});
      run.scalar("bad", 2, Double.NaN);
      run.text("note", 2, "hello *world*");
      run.summary("test/accuracy", 0.9);
    }
    dir = root.resolve("wb/wandb");
  }

  private List<JsonNode> historyRows() throws IOException {
    ObjectMapper json = new ObjectMapper();
    json.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    return Files.readAllLines(dir.resolve("wandb-history.jsonl")).stream()
        .map(
            l -> {
              try {
                return json.readTree(l);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  @Test
  void historyHasOneRowPerStepWithStepRuntimeAndTimestamp() throws Exception {
    List<JsonNode> rows = historyRows();
    assertThat(rows).hasSize(3);
    JsonNode first = rows.get(0);
    assertThat(first.get("_step").asLong()).isZero();
    assertThat(first.get("_runtime").asDouble()).isEqualTo(1.5);
    assertThat(first.get("_timestamp").asDouble()).isEqualTo(1_700_000_001.5);
    assertThat(first.get("train/loss").asDouble()).isEqualTo(1.0);
    assertThat(first.get("train/acc").asDouble()).isEqualTo(0.5);
    JsonNode last = rows.get(2);
    assertThat(last.get("bad").isNumber()).isTrue();
    assertThat(last.get("bad").asDouble()).isNaN();
    assertThat(last.get("note").asText()).isEqualTo("hello *world*");
  }

  @Test
  void nanIsTheBareLiteralPythonWritesAndReads() throws Exception {
    String text = Files.readString(dir.resolve("wandb-history.jsonl"));
    assertThat(text).contains("\"bad\":NaN").doesNotContain("\"NaN\"");
  }

  @Test
  void histogramsAreWandbHistogramObjects() throws Exception {
    JsonNode h = historyRows().get(2).get("w");
    assertThat(h.get("_type").asText()).isEqualTo("histogram");
    assertThat(h.get("values")).hasSize(64);
    assertThat(h.get("bins")).hasSize(65);
    assertThat(h.get("values").get(0).isIntegralNumber()).isTrue();
    assertThat(h.get("bins").get(0).asDouble()).isEqualTo(-1);
    assertThat(h.get("bins").get(64).asDouble()).isEqualTo(1);
  }

  @Test
  void summaryHoldsTheLastValueOfEveryKeyAndTheSummaryMetrics() throws Exception {
    JsonNode s =
        new ObjectMapper()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .readTree(dir.resolve("wandb-summary.json").toFile());
    assertThat(s.get("train/loss").asDouble()).isEqualTo(1.0 / 3);
    assertThat(s.get("test/accuracy").asDouble()).isEqualTo(0.9);
    assertThat(s.get("w").get("_type").asText()).isEqualTo("histogram");
    assertThat(s.get("_step").asLong()).isEqualTo(2);
    assertThat(s.get("_runtime").asDouble()).isEqualTo(4.5);
    assertThat(s.has("_timestamp")).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temp file left behind")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void configIsWandbVersion1WithDescAndValue() throws Exception {
    String yaml = Files.readString(dir.resolve("config.yaml"));
    assertThat(yaml).startsWith("wandb_version: 1\n");
    assertThat(yaml).contains("lr:\n  desc: null\n  value: 0.001\n");
    assertThat(yaml).contains("scheme:\n  desc: null\n  value: he-normal\n");
    assertThat(WandbRuns.read(root.resolve("wb")).config())
        .containsEntry("lr", 0.001)
        .containsEntry("scheme", "he-normal");
  }

  @Test
  void metadataDescribesTheMachineAndProgram() throws Exception {
    Map<String, Object> m = WandbRuns.read(root.resolve("wb")).metadata();
    assertThat(m)
        .containsKeys("host", "os", "java", "startedAt", "cpu_count", "memory")
        .containsEntry("program", "train")
        .containsEntry("args", List.of("--epochs", "2"))
        .containsEntry("startedAt", "2023-11-14T22:13:20.000000")
        .containsEntry("state", "finished");
  }

  @Test
  void pandasLoadsHistoryAndSummary() throws Exception {
    String script =
        "import pandas as pd, json, math, sys\n"
            + "h = pd.read_json(sys.argv[1] + '/wandb-history.jsonl', lines=True)\n"
            + "s = json.load(open(sys.argv[1] + '/wandb-summary.json'))\n"
            + "assert list(h['_step']) == [0, 1, 2], list(h['_step'])\n"
            + "assert abs(h['train/loss'][2] - 1/3) < 1e-12\n"
            + "assert math.isnan(h['bad'][2])\n"
            + "assert h['w'][2]['_type'] == 'histogram'\n"
            + "assert len(h['w'][2]['bins']) == len(h['w'][2]['values']) + 1\n"
            + "assert s['test/accuracy'] == 0.9\n"
            + "print('ok', len(h), sorted(h.columns))\n";
    assertThat(lastLineOfPandas(script, dir)).startsWith("ok 3");
  }

  /**
   * Runs {@code script} in a Python that has pandas, with {@code file} as {@code sys.argv[1]};
   * checks that it exits with 0 within two minutes, and returns the last line it printed.
   */
  static String lastLineOfPandas(String script, Path file) throws Exception {
    Process p =
        new ProcessBuilder(pythonWithPandas(), "-c", script, file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().reduce((a, b) -> b).orElseThrow();
  }

  /** A Python that has pandas: Debian's python3-pandas lives beside /usr/bin/python3. */
  static String pythonWithPandas() throws Exception {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import pandas").start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException notThere) {
        // try the next
      }
    }
    Require.that(false, "pandas (apt-get install python3-pandas)");
    return null;
  }
}
