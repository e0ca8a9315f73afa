package dev.dltrack.tracker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the workplace's W&amp;B checker ({@code ../shared/tools/wandb/check}: W&amp;B 0.18.7's own
 * sync loop with the upload replaced) over an offline run directory. A test that needs it is
 * skipped where it is missing or its Python packages are not installed ({@code
 * ../shared/tools/wandb/setup}), and fails under {@code CI=true}.
 */
public final class WandbCheck {
  /** Reads the checker's output and the records' JSON values, NaN and infinities included. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

  private static Boolean works;

  private WandbCheck() {}

  /** What the checker said: its exit status, its output, and the records it decoded. */
  public record Result(int exitCode, String output, List<JsonNode> records) {
    /** The decoded records of one type ({@code "history"}, {@code "summary"}, ...), in order. */
    public List<JsonNode> ofType(String type) {
      return records.stream().filter(r -> r.path("type").asText().equals(type)).toList();
    }

    public List<String> types() {
      return records.stream().map(r -> r.path("type").asText()).toList();
    }

    /** The history rows as W&amp;B's sender decodes them, in order: key to parsed value. */
    public List<Map<String, Object>> historyRows() throws IOException {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JsonNode h : ofType("history")) {
        rows.add(items(h.path("record").path("history").path("item")));
      }
      return rows;
    }
  }

  /**
   * Items as history, summary and config records hold them ({@code [{key, value_json}, ...]}), as
   * W&amp;B's sender decodes them: key to parsed value, in order.
   */
  public static Map<String, Object> items(JsonNode items) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonNode item : items) {
      out.put(
          item.path("key").asText(),
          JSON.readValue(item.path("value_json").asText(), Object.class));
    }
    return out;
  }

  /** The checker, required to be there and to work on W&amp;B's own sample run. */
  public static Path script() throws IOException, InterruptedException {
    Path check = Require.shared("tools/wandb/check");
    synchronized (WandbCheck.class) {
      if (works == null) {
        Path sample = Require.shared("fixtures/wandb-offline/offline-run-20261206_120000-abc123");
        works = exec(check, sample, "none").exitCode() == 0;
      }
    }
    Require.that(
        works, check + " accepting W&B's own sample run (run ../shared/tools/wandb/setup once)");
    return check;
  }

  /** Runs the checker with {@code --records json}. */
  public static Result run(Path runDir) throws IOException, InterruptedException {
    return exec(script(), runDir, "json");
  }

  /** Asserts that the checker accepts {@code runDir} (exit 0) and returns what it decoded. */
  public static Result assertAccepted(Path runDir) throws IOException, InterruptedException {
    Result r = run(runDir);
    assertThat(r.exitCode()).as("wandb check of %s said:%n%s", runDir, r.output()).isZero();
    return r;
  }

  private static Result exec(Path check, Path runDir, String records)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(check.toString(), runDir.toString(), "--records", records)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("wandb check finished").isTrue();
    List<JsonNode> decoded = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("{\"i\": ")) {
        decoded.add(JSON.readTree(line));
      }
    }
    return new Result(p.exitValue(), out, decoded);
  }

  /** The one offline run folder ({@code offline-run-*}) under {@code <run>/wandb/}. */
  public static Path offlineRunDir(Path runDir) throws IOException {
    try (var dirs = Files.list(runDir.resolve("wandb"))) {
      List<Path> found =
          dirs.filter(d -> d.getFileName().toString().startsWith("offline-run-")).toList();
      assertThat(found).as("offline run folders in %s", runDir).hasSize(1);
      return found.get(0);
    }
  }

  /** The run's transaction log in its offline run folder: {@code run-<id>.wandb}. */
  public static Path transactionLog(Path offlineRunDir) {
    String folder = offlineRunDir.getFileName().toString();
    return offlineRunDir.resolve("run-" + folder.substring(folder.length() - 8) + ".wandb");
  }

  /**
   * Opens {@code run}, logs {@code loss} equal to the step for steps {@code [from, to)}, closes.
   */
  public static void logLoss(Run.Builder run, int from, int to) throws IOException {
    try (Run r = run.open()) {
      for (int s = from; s < to; s++) {
        r.scalar("loss", s, s);
      }
    }
  }

  /**
   * A run of {@code name} under {@code root} in W&amp;B's format only, on a manual clock at
   * 2026-12-06 15:50:20 UTC (the same instant in every test that uses it).
   */
  public static Run.Builder wandbRun(Path root, String name) {
    return Run.builder(name)
        .logRoot(root)
        .formats("wandb")
        .clock(new ManualClock(1_796_572_220_000L));
  }
}
