package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.testing.WandbCheck;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline run the W&amp;B output writes ({@code <run>/wandb/offline-run-*}), read by W&amp;B
 * 0.18.7's own sync loop ({@code ../shared/tools/wandb/check}): accepted, and decoding to what was
 * logged.
 */
class OfflineRunIsWhatWandbSyncReadsTest {
  @TempDir Path root;

  private Run.Builder run(String name) {
    return WandbCheck.wandbRun(root, name);
  }

  @Test
  void aPlainRunIsAcceptedAndDecodesToWhatWasLogged() throws Exception {
    try (Run run =
        run("plain").config("lr", 0.01).config("epochs", 3).config("optimizer", "adam").open()) {
      for (int s = 0; s < 5; s++) {
        run.scalar("train/loss", s, 1.0 / (s + 1));
        run.scalar("train/acc", s, 0.1 * s);
      }
      run.summary("best_acc", 0.4);
    }
    Path dir = WandbCheck.offlineRunDir(root.resolve("plain"));
    assertThat(dir.getFileName().toString()).matches("offline-run-\\d{8}_\\d{6}-[a-z0-9]{8}");
    String id = dir.getFileName().toString().substring(dir.getFileName().toString().length() - 8);
    assertThat(dir.resolve("run-" + id + ".wandb")).isRegularFile();
    assertThat(dir.resolve("files/config.yaml")).isRegularFile();
    assertThat(dir.resolve("files/wandb-summary.json")).isRegularFile();
    assertThat(dir.resolve("files/wandb-metadata.json")).isRegularFile();
    assertThat(dir.resolve("wandb-metadata.json")).doesNotExist();

    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.types()).startsWith("header", "run", "config", "files").endsWith("exit", "final");
    JsonNode runRecord = r.ofType("run").get(0).path("record").path("run");
    assertThat(runRecord.path("run_id").asText()).isEqualTo(id);
    assertThat(runRecord.path("display_name").asText()).isEqualTo("plain");
    assertThat(config(runRecord.path("config")))
        .containsExactly(
            Map.entry("lr", 0.01),
            Map.entry("epochs", 3),
            Map.entry("optimizer", "adam"),
            Map.entry("_wandb", Map.of()));
    assertThat(r.output())
        .contains(
            "config as the sender consolidates it: {\"lr\": 0.01, \"epochs\": 3, \"optimizer\": \"adam\"}");

    List<Map<String, Object>> rows = r.historyRows();
    assertThat(rows).hasSize(5);
    for (int s = 0; s < 5; s++) {
      assertThat(rows.get(s))
          .containsEntry("train/loss", 1.0 / (s + 1))
          .containsEntry("train/acc", 0.1 * s)
          .containsEntry("_step", s)
          .containsKeys("_runtime", "_timestamp");
    }
    Map<String, Object> summary = lastSummary(r);
    assertThat(summary)
        .containsEntry("train/loss", 0.2)
        .containsEntry("train/acc", 0.4)
        .containsEntry("best_acc", 0.4)
        .containsEntry("_step", 4)
        .containsKey("_wandb");
    assertThat(r.ofType("exit").get(0).path("record").path("exit").path("exit_code").asInt())
        .isZero();
  }

  @Test
  void aRunWithEveryKindOfValueIsAccepted() throws Exception {
    try (Run run = run("every").open()) {
      run.scalar("nan", 0, Double.NaN);
      run.scalar("inf", 0, Double.POSITIVE_INFINITY);
      run.scalar("minus_inf", 0, Double.NEGATIVE_INFINITY);
      run.scalar("tiny", 0, Double.MIN_VALUE);
      run.scalar("huge", 0, Double.MAX_VALUE);
      run.histogram("hist/huge", 0, new double[] {-1e300, 1e300, 0});
      run.histogram("hist/tiny_range", 0, new double[] {1, Math.nextUp(1.0), 1});
      run.histogram("hist/one", 0, new double[] {42});
      run.histogram(
          "hist/buckets",
          0,
          Histogram.ofBuckets(new double[] {-1e-300, 0, 1e-300}, new double[] {1e15, 0.5}));
      byte[] px = new byte[8 * 8];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) (i * 4);
      }
      run.image("img/one", 1, ImageData.ofBytes(8, 8, 1, px));
      run.images(
          "img/batch",
          1,
          List.of(ImageData.ofBytes(8, 8, 1, px), ImageData.ofBytes(8, 8, 1, new byte[64])));
      run.text("notes", 1, "**bold** ünïcödé ✓");
      run.prCurve(
          "pr/cat",
          2,
          new boolean[] {true, false, true, false},
          new float[] {0.9f, 0.8f, 0.3f, 0.1f});
      run.embedding(
          "emb",
          2,
          Embedding.of(new float[][] {{0.1f, 2}, {3, 4}, {5, Float.MIN_VALUE}})
              .withLabels(List.of("a", "b", "c"))
              .withSprites(
                  List.of(
                      ImageData.ofBytes(8, 8, 1, px),
                      ImageData.ofBytes(8, 8, 1, new byte[64]),
                      ImageData.ofBytes(8, 8, 1, px))));
    }
    Path dir = WandbCheck.offlineRunDir(root.resolve("every"));
    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    List<Map<String, Object>> rows = r.historyRows();
    Map<String, Object> step0 = rows.get(0);
    assertThat((Double) step0.get("nan")).isNaN();
    assertThat(step0).containsEntry("inf", Double.POSITIVE_INFINITY);
    assertThat(step0).containsEntry("minus_inf", Double.NEGATIVE_INFINITY);
    assertThat(step0).containsEntry("tiny", Double.MIN_VALUE);
    assertThat(step0).containsEntry("huge", Double.MAX_VALUE);
    assertThat(step0.get("hist/huge")).asString().contains("histogram");
    assertThat(rows.get(1).get("notes")).isEqualTo("**bold** ünïcödé ✓");
    // every media file has a files record, and is where the value says (check's own rule)
    List<String> listed =
        r.ofType("files").stream()
            .flatMap(
                f -> f.path("record").path("files").path("files").findValuesAsText("path").stream())
            .toList();
    assertThat(listed).anyMatch(p -> p.startsWith("media/images/img/one_1_"));
    assertThat(listed).anyMatch(p -> p.startsWith("media/table/pr/cat_2_"));
    assertThat(listed).anyMatch(p -> p.startsWith("media/table/emb_2_"));
    for (String p : listed) {
      assertThat(dir.resolve("files").resolve(p)).isRegularFile();
    }
    assertThat(
            r.ofType("files").stream()
                .flatMap(
                    f ->
                        f
                            .path("record")
                            .path("files")
                            .path("files")
                            .findValuesAsText("type")
                            .stream())
                .toList())
        .contains("MEDIA", "WANDB");
  }

  @Test
  void aFailedRunExitsWithCodeOne() throws Exception {
    Run run = run("failed").open();
    run.scalar("loss", 0, 1);
    run.fail(new IllegalStateException("diverged"));
    WandbCheck.Result r =
        WandbCheck.assertAccepted(WandbCheck.offlineRunDir(root.resolve("failed")));
    assertThat(r.types()).endsWith("exit", "final");
    assertThat(r.ofType("exit").get(0).path("record").path("exit").path("exit_code").asInt())
        .isEqualTo(1);
  }

  @Test
  void aResumedRunGoesOnInTheSameFolderWithTheSameId() throws Exception {
    WandbCheck.logLoss(run("resumed"), 0, 3);
    Path first = WandbCheck.offlineRunDir(root.resolve("resumed"));
    WandbCheck.logLoss(run("resumed").resume(), 3, 6);
    Path dir = WandbCheck.offlineRunDir(root.resolve("resumed"));
    assertThat(dir).isEqualTo(first);
    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.types().stream().filter(t -> t.equals("run"))).hasSize(1);
    assertThat(r.types().stream().filter(t -> t.equals("exit"))).hasSize(1);
    assertThat(r.types()).endsWith("exit", "final");
    assertThat(r.historyRows())
        .extracting(row -> row.get("_step"))
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(r.historyRows())
        .extracting(row -> row.get("loss"))
        .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
    assertThat(lastSummary(r)).containsEntry("loss", 5.0).containsEntry("_step", 5);
    long[] nums =
        r.records().stream().mapToLong(x -> x.path("record").path("num").asLong()).toArray();
    for (int i = 1; i < nums.length; i++) {
      assertThat(nums[i]).as("record numbers go on").isGreaterThan(nums[i - 1]);
    }
  }

  @Test
  void reopeningARunCutsATornTailAndKeepsEverythingBeforeIt() throws Exception {
    try (Run run = run("torn").open()) {
      run.scalar("loss", 0, 0.5);
      run.scalar("loss", 1, 0.25);
    }
    Path dir = WandbCheck.offlineRunDir(root.resolve("torn"));
    Path file;
    try (var files = Files.list(dir)) {
      file = files.filter(f -> f.toString().endsWith(".wandb")).findFirst().orElseThrow();
    }
    // what a writer killed in the middle of a record leaves: half a chunk
    byte[] bytes = Files.readAllBytes(file);
    byte[] torn = java.util.Arrays.copyOf(bytes, bytes.length + 5);
    System.arraycopy(new byte[] {1, 2, 3, 4, 50}, 0, torn, bytes.length, 5);
    Files.write(file, torn);
    assertThat(WandbCheck.run(dir).exitCode()).as("W&B calls it incomplete").isEqualTo(2);

    try (Run run = run("torn").resume().open()) {
      run.scalar("loss", 2, 0.125);
    }
    LogScanner s = new LogScanner(new ByteArrayInputStream(Files.readAllBytes(file)));
    while (s.next() != null) {}
    assertThat(s.problem()).isNull();
    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.historyRows())
        .extracting(row -> row.get("loss"))
        .containsExactly(0.5, 0.25, 0.125);
  }

  @Test
  void overwriteStartsANewRunWithANewId() throws Exception {
    try (Run run = run("again").open()) {
      run.scalar("loss", 0, 1);
    }
    String first = WandbCheck.offlineRunDir(root.resolve("again")).getFileName().toString();
    try (Run run = run("again").overwrite().open()) {
      run.scalar("loss", 0, 2);
    }
    Path dir = WandbCheck.offlineRunDir(root.resolve("again"));
    assertThat(dir.getFileName().toString()).isNotEqualTo(first);
    assertThat(Pattern.matches(".*-[a-z0-9]{8}", dir.getFileName().toString())).isTrue();
    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.historyRows()).extracting(row -> row.get("loss")).containsExactly(2.0);
  }

  private static Map<String, Object> lastSummary(WandbCheck.Result r) throws Exception {
    List<JsonNode> s = r.ofType("summary");
    assertThat(s).isNotEmpty();
    return WandbCheck.items(s.get(s.size() - 1).path("record").path("summary").path("update"));
  }

  private static Map<String, Object> config(JsonNode config) throws Exception {
    return WandbCheck.items(config.path("update"));
  }
}
