package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.WandbCheck;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogRoot#read} reads W&amp;B run folders: a dltrack run whose W&amp;B data is only its
 * offline run ({@code run-<id>.wandb}), and W&amp;B's own runs, checked against what W&amp;B's sync
 * decodes from the SDK's sample run ({@code ../shared/fixtures/wandb-offline/records.jsonl}).
 */
class OfflineRunsAreReadBackTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
  private static final String SAMPLE = "offline-run-20261206_120000-abc123";

  @TempDir Path root;

  private Run.Builder run(String name) {
    return WandbCheck.wandbRun(root, name);
  }

  /** Leaves only the offline run folder in the run's {@code wandb/}. */
  private static void removeClassicFiles(Path runDir) throws IOException {
    try (Stream<Path> files = Files.list(runDir.resolve("wandb"))) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.delete(f);
        }
      }
    }
    if (Files.isDirectory(runDir.resolve("wandb/media"))) {
      com.google.common.io.MoreFiles.deleteRecursively(
          runDir.resolve("wandb/media"), com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  @Test
  void aRunWithOnlyItsOfflineRunIsReadThroughLogRoot() throws Exception {
    Histogram h = Histogram.ofBuckets(new double[] {-1, 0, 2}, new double[] {3, 4});
    try (Run run = run("only-offline").config("lr", 0.01).config("optimizer", "adam").open()) {
      for (int s = 0; s < 5; s++) {
        run.scalar("train/loss", s, 1.0 / (s + 1));
        run.histogram("weights", s, h);
      }
      run.scalar("odd", 5, Double.NaN);
      run.scalar("odd", 6, Double.POSITIVE_INFINITY);
      run.scalar("odd", 7, Double.NEGATIVE_INFINITY);
    }
    try (Run run = run("failed").open()) {
      run.scalar("loss", 0, 2.0);
      run.fail("diverged");
    }
    removeClassicFiles(root.resolve("only-offline"));
    removeClassicFiles(root.resolve("failed"));

    LogRoot logs = LogRoot.read(root);
    assertThat(logs.runs()).extracting(RunLog::name).containsExactly("failed", "only-offline");
    assertThat(logs.warnings()).isEmpty();

    RunLog r = logs.run("only-offline").orElseThrow();
    assertThat(r.directory()).isEqualTo(root.resolve("only-offline"));
    assertThat(r.scalars("train/loss"))
        .extracting(ScalarPoint::step, ScalarPoint::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, 1.0),
            org.assertj.core.groups.Tuple.tuple(1L, 0.5),
            org.assertj.core.groups.Tuple.tuple(2L, 1.0 / 3),
            org.assertj.core.groups.Tuple.tuple(3L, 0.25),
            org.assertj.core.groups.Tuple.tuple(4L, 0.2));
    assertThat(r.scalars("train/loss").get(0).wallTime()).isCloseTo(1_796_572_220.0, within(1e-3));
    assertThat(r.scalars("odd"))
        .extracting(ScalarPoint::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(r.histograms("weights")).hasSize(5);
    Histogram read = r.histograms("weights").get(0).histogram();
    assertThat(read.edges()).containsExactly(-1, 0, 2);
    assertThat(read.counts()).containsExactly(3, 4);
    var session = r.session().orElseThrow();
    assertThat(session.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(session.hparams()).containsEntry("lr", 0.01).containsEntry("optimizer", "adam");
    assertThat(session.hparams()).doesNotContainKey("_wandb");
    assertThat(session.group()).isEqualTo("only-offline");
    assertThat(session.startTime()).isCloseTo(1_796_572_220.0, within(1e-3));

    assertThat(logs.run("failed").orElseThrow().session().orElseThrow().status())
        .isEqualTo(RunStatus.FAILURE);

    WandbRun w = WandbOfflineRuns.read(WandbCheck.offlineRunDir(root.resolve("only-offline")));
    assertThat(w.summary()).containsEntry("train/loss", 0.2).containsKeys("_step", "_runtime");
    assertThat(w.config()).containsEntry("lr", 0.01);
    assertThat(w.metadata()).containsEntry("state", "finished").containsEntry("exit_code", 0);
  }

  @Test
  void aRunStillOpenHasNoStatusYetAndShowsWhatWasFlushed() throws Exception {
    try (Run run = run("open").open()) {
      run.scalar("loss", 0, 1.0);
      run.scalar("loss", 1, 0.5);
      run.flush();
      RunLog r = LogRoot.read(root, List.of(new WandbOfflineRunReader())).run("open").orElseThrow();
      assertThat(r.scalars("loss")).extracting(ScalarPoint::value).containsExactly(1.0, 0.5);
      assertThat(r.session().orElseThrow().status()).isEqualTo(RunStatus.UNKNOWN);
      assertThat(r.warnings()).isEmpty();
    }
  }

  @Test
  void aTornTailIsCutWithAWarningAndWhatCameBeforeIsKept() throws Exception {
    WandbCheck.logLoss(run("torn"), 0, 200);
    Path log = WandbCheck.transactionLog(WandbCheck.offlineRunDir(root.resolve("torn")));
    assertThat(log).isRegularFile();
    long size = Files.size(log);
    long cut = size / 2;
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(cut);
    }
    removeClassicFiles(root.resolve("torn"));

    RunLog r = LogRoot.read(root).run("torn").orElseThrow();
    List<ScalarPoint> loss = r.scalars("loss");
    assertThat(loss).isNotEmpty().hasSizeLessThan(200);
    for (int i = 0; i < loss.size(); i++) {
      assertThat(loss.get(i).step()).isEqualTo(i);
      assertThat(loss.get(i).value()).isEqualTo(i);
    }
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .contains(log.getFileName().toString())
        .containsPattern("read up to byte offset \\d+")
        .contains("the file ends inside");
    assertThat(r.session().orElseThrow().status()).isEqualTo(RunStatus.UNKNOWN);
  }

  @Test
  void wandbsOwnRunReadsAsWandbsSyncDecodesIt() throws Exception {
    Path fixtures = Require.shared("fixtures/wandb-offline");
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(fixtures.resolve("records.jsonl"))) {
      records.add(JSON.readTree(line));
    }
    // the oracle: every history value as W&B decodes it, the last summary, the config
    Map<String, List<double[]>> scalars = new LinkedHashMap<>();
    Map<String, List<JsonNode>> histograms = new LinkedHashMap<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    boolean exited = false;
    for (JsonNode rec : records) {
      JsonNode body = rec.path("record");
      switch (rec.path("type").asText()) {
        case "history" -> {
          Map<String, JsonNode> row = new LinkedHashMap<>();
          for (JsonNode item : body.path("history").path("item")) {
            row.put(item.path("key").asText(), JSON.readTree(item.path("value_json").asText()));
          }
          long step = row.get("_step").asLong();
          row.forEach(
              (k, v) -> {
                if (k.startsWith("_")) {
                  return;
                }
                if (v.isNumber()) {
                  scalars
                      .computeIfAbsent(k, x -> new ArrayList<>())
                      .add(new double[] {step, v.asDouble()});
                } else if (v.path("_type").asText().equals("histogram")) {
                  histograms.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
              });
        }
        case "summary" -> {
          for (JsonNode item : body.path("summary").path("update")) {
            summary.put(
                item.path("key").asText(),
                JSON.readValue(item.path("value_json").asText(), Object.class));
          }
        }
        case "run", "config" -> {
          JsonNode c = body.has("run") ? body.path("run").path("config") : body.path("config");
          for (JsonNode item : c.path("update")) {
            config.put(
                item.path("key").asText(),
                JSON.readValue(item.path("value_json").asText(), Object.class));
          }
        }
        case "exit" -> exited = true;
        default -> {}
      }
    }
    config.remove("_wandb");
    assertThat(scalars).containsOnlyKeys("loss", "acc");
    assertThat(histograms).containsOnlyKeys("weights");
    assertThat(exited).isTrue();

    // read where it lies, and as the SDK leaves it in a program's directory
    Path project = root.resolve("project");
    Path wandbDir = project.resolve("wandb");
    Files.createDirectories(wandbDir);
    copy(fixtures.resolve(SAMPLE), wandbDir.resolve(SAMPLE));
    Files.createSymbolicLink(wandbDir.resolve("latest-run"), Path.of(SAMPLE));
    Files.writeString(wandbDir.resolve("debug.log"), "");

    for (LogRoot logs : List.of(LogRoot.read(fixtures), LogRoot.read(root))) {
      String expectedName = logs.root().equals(root) ? "project/harness-sample" : "harness-sample";
      assertThat(logs.runs()).extracting(RunLog::name).containsExactly(expectedName);
      RunLog r = logs.runs().get(0);
      assertThat(r.warnings()).isEmpty();
      assertThat(r.scalars()).containsOnlyKeys(scalars.keySet());
      scalars.forEach(
          (k, points) -> {
            assertThat(r.scalars(k)).hasSameSizeAs(points);
            for (int i = 0; i < points.size(); i++) {
              assertThat(r.scalars(k).get(i).step()).isEqualTo((long) points.get(i)[0]);
              assertThat(r.scalars(k).get(i).value()).isEqualTo(points.get(i)[1]);
            }
          });
      List<HistogramPoint> weights = r.histograms("weights");
      assertThat(weights).hasSameSizeAs(histograms.get("weights"));
      for (int i = 0; i < weights.size(); i++) {
        JsonNode expected = histograms.get("weights").get(i);
        assertThat(weights.get(i).histogram().edges())
            .containsExactly(JSON.convertValue(expected.path("bins"), double[].class));
        assertThat(weights.get(i).histogram().counts())
            .containsExactly(JSON.convertValue(expected.path("values"), double[].class));
      }
      assertThat(r.images("sample")).hasSize(1);
      assertThat(r.images("sample").get(0).step()).isEqualTo(2);
      var session = r.session().orElseThrow();
      assertThat(session.status()).isEqualTo(RunStatus.SUCCESS);
      Map<String, Object> hparams = new LinkedHashMap<>();
      config.forEach(
          (k, v) -> hparams.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
      assertThat(session.hparams()).containsExactlyEntriesOf(hparams);
    }

    WandbRun w = WandbOfflineRuns.read(fixtures.resolve(SAMPLE));
    assertThat(w.summary()).containsExactlyEntriesOf(summary);
    Map<String, Object> expectedConfig = new LinkedHashMap<>(config);
    assertThat(w.config()).containsAllEntriesOf(expectedConfig);
    @SuppressWarnings("unchecked")
    Map<String, Object> wandb = (Map<String, Object>) w.config().get("_wandb");
    assertThat(wandb)
        .containsEntry("run_id", "abc123")
        .containsEntry("display_name", "harness-sample")
        .containsEntry("project", "harness-demo")
        .containsEntry("entity", "demo-entity");
    assertThat(w.metadata()).containsEntry("state", "finished");
  }

  @Test
  void wandbsRunsWithoutANameAreListedByIdUnderTheirProject() throws Exception {
    Path fixtures = Require.shared("fixtures/wandb-offline");
    Path wandbDir = root.resolve("a/b/wandb");
    Files.createDirectories(wandbDir);
    copy(fixtures.resolve(SAMPLE), wandbDir.resolve(SAMPLE));
    // an online run's folder of another run (same content, so its display name is the same)
    Path other = wandbDir.resolve("run-20261206_130000-xyz789");
    copy(fixtures.resolve(SAMPLE), other);
    Files.move(other.resolve("run-abc123.wandb"), other.resolve("run-xyz789.wandb"));

    LogRoot logs = LogRoot.read(root);
    // two run folders in one wandb/ are W&B's layout, not a dltrack run's
    assertThat(logs.runs()).extracting(RunLog::name).containsOnly("a/b/harness-sample");
    assertThat(logs.runs()).hasSize(2);
    assertThat(logs.runs())
        .extracting(RunLog::directory)
        .containsExactlyInAnyOrder(wandbDir.resolve(SAMPLE), other);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
