package dev.dltrack.tracker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.TextPoint;
import dev.dltrack.tracker.testing.Fixtures;
import dev.dltrack.tracker.testing.ManualClock;
import dev.dltrack.tracker.testing.WandbCheck;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WandbExport} of TensorBoard runs — TensorBoard's, TensorFlow's and this library's — read
 * by W&amp;B 0.18.7's own sync loop ({@code ../shared/tools/wandb/check}): every export accepted,
 * and decoding to what the TensorBoard reader read.
 */
class TensorBoardRunsExportToWhatWandbSyncReadsTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

  @TempDir Path out;

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void everyFixtureRunIsAcceptedAndDecodesToWhatTheReaderRead(String fixture) throws Exception {
    Path logs = Fixtures.dir(fixture);
    LogRoot read = LogRoot.read(logs);
    List<WandbExport.ExportedRun> exported =
        WandbExport.builder(logs).output(out).project("fixtures").build().export();

    assertThat(exported)
        .extracting(WandbExport.ExportedRun::name)
        .containsExactlyElementsOf(read.runs().stream().map(RunLog::name).toList());
    for (WandbExport.ExportedRun e : exported) {
      RunLog source = read.run(e.name()).orElseThrow();
      assertThat(e.offlineRun()).isEqualTo(WandbCheck.offlineRunDir(out.resolve(e.name())));
      WandbCheck.Result r = WandbCheck.assertAccepted(e.offlineRun());
      assertThat(r.types()).startsWith("header", "run").endsWith("exit", "final");
      assertDecodesTo(r, source);
      assertThat(r.ofType("run").get(0).path("record").path("run").path("project").asText())
          .isEqualTo("fixtures");
      assertThat(e.values())
          .isEqualTo(
              source.scalars().values().stream().mapToInt(List::size).sum()
                  + source.histograms().values().stream().mapToInt(List::size).sum()
                  + source.texts().values().stream().mapToInt(List::size).sum());
    }
  }

  @Test
  void aRunThisLibraryWroteIsExportedWithItsMediaAndHparams() throws Exception {
    Path logs = out.resolve("logs");
    ManualClock clock = new ManualClock(1_796_572_220_000L);
    byte[] px = new byte[8 * 8 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 3);
    }
    try (Run run =
        Run.builder("he-normal")
            .logRoot(logs)
            .formats("tensorboard")
            .clock(clock)
            .config("lr", 0.001)
            .config("init", "he-normal")
            .config("seed", 1)
            .open()) {
      for (int s = 0; s < 20; s++) {
        clock.advanceMillis(250);
        run.scalar("train/loss", s, 1.0 / (s + 1));
        if (s % 5 == 0) {
          run.scalar("val/accuracy", s, s == 0 ? Double.NaN : 0.04 * s);
          run.histogram("layer0/W", s, new double[] {-1e30, 0.5 * s, 1, 2, 3});
        }
      }
      run.scalar("inf", 3, Double.POSITIVE_INFINITY);
      run.text("notes", 0, "**ünïcödé** ✓");
      run.image("samples", 5, ImageData.ofBytes(8, 8, 3, px));
      run.images(
          "batch",
          10,
          List.of(ImageData.ofBytes(8, 8, 3, px), ImageData.ofBytes(8, 8, 3, new byte[192])));
      run.prCurve(
          "pr/cat",
          19,
          new boolean[] {true, false, true, false},
          new float[] {0.9f, 0.8f, 0.3f, 0.1f});
    }
    RunLog source = LogRoot.read(logs).run("he-normal").orElseThrow();
    assertThat(source.images()).isNotEmpty();
    assertThat(source.prCurves()).isNotEmpty();

    WandbExport.ExportedRun e =
        WandbExport.builder(logs).output(out.resolve("export")).build().export().get(0);
    assertThat(e.warnings()).isEmpty();
    WandbCheck.Result r = WandbCheck.assertAccepted(e.offlineRun());
    assertDecodesTo(r, source);

    Map<Long, Map<String, Object>> rows = rows(r);
    assertThat(rows.get(5L).get("samples")).asString().contains("image-file");
    assertThat(rows.get(10L).get("batch")).asString().contains("images/separated");
    assertThat(rows.get(19L).get("pr/cat")).asString().contains("table-file");
    List<String> media =
        r.ofType("files").stream()
            .flatMap(
                f -> f.path("record").path("files").path("files").findValuesAsText("path").stream())
            .filter(p -> p.startsWith("media/"))
            .toList();
    assertThat(media).anyMatch(p -> p.startsWith("media/images/samples_5_"));
    assertThat(media).anyMatch(p -> p.startsWith("media/table/pr/cat_19_"));
    assertThat(r.ofType("exit").get(0).path("record").path("exit").path("exit_code").asInt())
        .isZero();
  }

  @Test
  void anExportIsNotOverwrittenUnlessAsked() throws Exception {
    Path logs = Fixtures.dir("tensorboard-hparams");
    WandbExport.builder(logs).output(out).build().export();
    Path first = WandbCheck.offlineRunDir(out.resolve("zeros"));

    assertThatThrownBy(() -> WandbExport.builder(logs).output(out).build().export())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("he-normal, zeros")
        .hasMessageContaining("--overwrite");
    assertThat(WandbCheck.offlineRunDir(out.resolve("zeros"))).isEqualTo(first);

    WandbExport.builder(logs).output(out).overwrite(true).build().export();
    Path second = WandbCheck.offlineRunDir(out.resolve("zeros"));
    assertThat(second).isNotEqualTo(first);
    WandbCheck.assertAccepted(second);
  }

  @Test
  void runsAreChosenByGlobAndTheDefaultOutputIsBesideTheLogRoot() throws Exception {
    Path logs = out.resolve("logs");
    for (String name : List.of("zeros", "he-normal")) {
      Path dir = Files.createDirectories(logs.resolve(name));
      try (Stream<Path> files = Files.list(Fixtures.dir("tensorboard-hparams").resolve(name))) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
    }
    List<WandbExport.ExportedRun> exported =
        WandbExport.builder(logs).runs("he-*").build().export();
    assertThat(exported).extracting(WandbExport.ExportedRun::name).containsExactly("he-normal");
    assertThat(out.resolve("logs-wandb/he-normal/wandb")).isDirectory();
    assertThat(out.resolve("logs-wandb/zeros")).doesNotExist();
    assertThat(LogRoot.read(logs).runs()).hasSize(2);

    assertThatThrownBy(() -> WandbExport.builder(logs).runs("x*").build().export())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("he-normal, zeros");
  }

  /**
   * Every scalar, histogram and text the reader read is in the history row of its step, and the
   * config is the hparams.
   */
  private static void assertDecodesTo(WandbCheck.Result r, RunLog source) throws Exception {
    Map<Long, Map<String, Object>> rows = rows(r);
    for (Map.Entry<String, List<ScalarPoint>> e : source.scalars().entrySet()) {
      for (ScalarPoint p : e.getValue()) {
        Object v = rows.getOrDefault(p.step(), Map.of()).get(e.getKey());
        assertThat(v).as("%s at step %d", e.getKey(), p.step()).isInstanceOf(Number.class);
        // boxed, so that NaN equals NaN
        assertThat(Double.valueOf(((Number) v).doubleValue()))
            .as("%s at step %d", e.getKey(), p.step())
            .isEqualTo(Double.valueOf(p.value()));
      }
    }
    for (Map.Entry<String, List<HistogramPoint>> e : source.histograms().entrySet()) {
      for (HistogramPoint p : e.getValue()) {
        JsonNode h = JSON.valueToTree(rows.get(p.step()).get(e.getKey()));
        Histogram expected = p.histogram().coarsen(Histogram.MAX_BUCKETS);
        assertThat(h.path("_type").asText()).isEqualTo("histogram");
        assertThat(doubles(h.path("values")))
            .as("%s counts", e.getKey())
            .containsExactly(expected.counts());
        assertThat(doubles(h.path("bins")))
            .as("%s bins", e.getKey())
            .containsExactly(expected.edges());
      }
    }
    for (Map.Entry<String, List<TextPoint>> e : source.texts().entrySet()) {
      for (TextPoint p : e.getValue()) {
        assertThat(rows.get(p.step()).get(e.getKey())).isEqualTo(p.markdown());
      }
    }
    Map<String, Object> config =
        WandbCheck.items(
            r.ofType("run").get(0).path("record").path("run").path("config").path("update"));
    config.remove("_wandb");
    Map<String, Object> hparams = source.session().map(s -> s.hparams()).orElse(Map.of());
    assertThat(config.keySet()).containsExactlyElementsOf(hparams.keySet());
    hparams.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            assertThat(((Number) config.get(k)).doubleValue()).as(k).isEqualTo(n.doubleValue());
          } else {
            assertThat(config.get(k)).as(k).isEqualTo(v);
          }
        });
  }

  private static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  /**
   * The history rows as W&amp;B's sender decodes them, by {@code _step} (rows of one step merged).
   */
  private static Map<Long, Map<String, Object>> rows(WandbCheck.Result r) throws Exception {
    Map<Long, Map<String, Object>> rows = new TreeMap<>();
    for (Map<String, Object> row : r.historyRows()) {
      assertThat(row).containsKeys("_step", "_runtime", "_timestamp");
      rows.computeIfAbsent(((Number) row.get("_step")).longValue(), s -> new LinkedHashMap<>())
          .putAll(row);
    }
    List<Long> steps = new ArrayList<>(rows.keySet());
    assertThat(steps).isSorted();
    return rows;
  }
}
