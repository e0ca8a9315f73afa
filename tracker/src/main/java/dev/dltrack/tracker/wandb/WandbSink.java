package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.management.OperatingSystemMXBean;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.internal.SideFiles;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run in W&amp;B's classic file formats under {@code <run>/wandb/}: the history (one row
 * per step), the summary (last value of every key, replaced atomically on each flush), the config
 * ({@code config.yaml}, every key as {@code {desc: null, value: ...}}) and the metadata (host, OS,
 * Java, program, arguments, start time, CPUs, memory). Images, PR curves and embeddings go to
 * {@code media/} as W&amp;B's image and table files ({@link WandbMedia}); the Custom Scalars layout
 * has no W&amp;B counterpart and is not written.
 *
 * <p>The history has one row per step with {@code _step} increasing, as W&amp;B writes it; how
 * values arriving out of order or late are handled is described in {@link HistoryWriter}. The
 * summary holds the last value logged for every key, late or not.
 *
 * <p>Beside these it writes the run in W&amp;B's offline layout, the folder {@code wandb sync}
 * uploads ({@link OfflineRun}): {@code
 * <run>/wandb/offline-run-YYYYMMDD_HHMMSS-<id>/run-<id>.wandb}, its transaction log, appended live
 * with the same rows as the history, and {@code files/} with the config, summary, metadata and
 * media (hard links to the files above where the file system has them). The log gets the summary at
 * every flush that changed it and the exit (code 1 for a {@link RunStatus#FAILURE}) and final
 * records at close.
 *
 * <p>With the run's option {@code wandb.classic=false} only the offline run is written: no classic
 * files, media directly under the offline run's {@code files/}.
 *
 * <p>Reopening a run appends to its history after its last step and keeps its earlier summary
 * values; the offline run goes on with the same id.
 */
public final class WandbSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(WandbSink.class);
  private static final DateTimeFormatter STARTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final RunInfo run;
  private final Path dir;

  /**
   * Whether the classic files are written beside the offline run (option {@code wandb.classic}).
   */
  private final boolean classic;

  private final HistoryWriter history;
  private final OfflineRun offline;
  private final SideFiles mediaFiles = new SideFiles();
  private final WandbMedia media;

  /** Every key logged or summarized, in first-seen order, with its latest value. */
  private final Map<String, HistoryWriter.Key> keys = new LinkedHashMap<>();

  private long lastStep = -1;
  private double lastWallTime;
  private boolean summaryDirty;
  private RunStatus endStatus = RunStatus.SUCCESS;
  private final Recorder recorder = new Recorder();

  private WandbSink(
      RunInfo run,
      Path dir,
      boolean classic,
      HistoryWriter history,
      OfflineRun offline,
      Map<String, Object> summary) {
    this.run = run;
    this.dir = dir;
    this.classic = classic;
    this.history = history;
    this.offline = offline;
    this.media =
        classic
            ? new WandbMedia(dir, mediaFiles, offline.files())
            : new WandbMedia(offline.files(), mediaFiles);
    history.onRow(offline::row);
    summary.forEach((k, v) -> key(k).set(v));
    this.lastWallTime = run.startWallTime();
  }

  /**
   * Creates {@code <run>/wandb/}, removes the temp files a killed writer left there, opens the
   * history, and writes the config and metadata. An earlier summary that cannot be read fails the
   * opening before anything is written, with a {@link CorruptRunFileException} naming it.
   *
   * @param run the run to write
   * @return the open sink
   * @throws IOException if the files cannot be created or written, or the earlier summary read
   */
  public static WandbSink open(RunInfo run) throws IOException {
    WandbSinkProvider provider = new WandbSinkProvider();
    return open(
        run,
        provider.setting(run, WandbSinkProvider.PROJECT),
        provider.setting(run, WandbSinkProvider.ENTITY),
        provider.classic(run));
  }

  /**
   * As {@link #open(RunInfo)}, with the W&amp;B project and entity (null or empty: none, which
   * {@code wandb sync --project/--entity} can set).
   */
  static WandbSink open(RunInfo run, String project, String entity, boolean classic)
      throws IOException {
    Path dir = run.directory().resolve(WandbFiles.DIR);
    Files.createDirectories(dir);
    // the run's lock is held: temp files here are a killed writer's
    WandbFiles.removeStaleTemps(dir);
    Map<String, Object> earlierSummary =
        classic
            ? readSummary(dir.resolve(WandbFiles.SUMMARY))
            : readSummary(
                OfflineRun.find(dir)
                    .map(d -> d.resolve(OfflineRun.FILES).resolve(WandbFiles.SUMMARY))
                    .orElse(dir.resolve(WandbFiles.SUMMARY)));
    HistoryWriter history =
        classic ? new HistoryWriter(dir.resolve(WandbFiles.HISTORY), run.startWallTime()) : null;
    OfflineRun offline = null;
    try {
      offline =
          OfflineRun.open(dir, run, project == null ? "" : project, entity == null ? "" : entity);
      if (history == null) {
        history = new HistoryWriter(run.startWallTime(), offline.lastStep());
      }
      WandbFiles.removeStaleTemps(offline.files());
      for (Path d : classic ? List.of(dir, offline.files()) : List.of(offline.files())) {
        writeConfig(d.resolve(WandbFiles.CONFIG), run);
        writeMetadata(d.resolve(WandbFiles.METADATA), run, "running");
      }
      offline.flush();
    } catch (IOException | RuntimeException e) {
      try {
        if (history != null) {
          history.close();
        }
        if (offline != null) {
          offline.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new WandbSink(run, dir, classic, history, offline, earlierSummary);
  }

  @Override
  public void write(RunRecord record) throws IOException {
    record.accept(recorder);
  }

  /** Each kind of record as a value in the history row of its step, or in the summary. */
  private final class Recorder implements RunRecord.Visitor {
    @Override
    public void scalar(RunRecord.Scalar s) throws IOException {
      HistoryWriter.Key key = key(s.tag());
      key.set(s.value());
      history.put(s.step(), s.wallTime(), key, s.value());
      logged(s.step(), s.wallTime());
    }

    @Override
    public void histogram(RunRecord.HistogramValue h) throws IOException {
      put(h.step(), h.wallTime(), h.tag(), h.histogram());
    }

    @Override
    public void text(RunRecord.Text t) throws IOException {
      put(t.step(), t.wallTime(), t.tag(), t.markdown());
    }

    @Override
    public void images(RunRecord.Images i) throws IOException {
      put(i.step(), i.wallTime(), i.tag(), media.images(i.tag(), i.step(), i.images()));
      offline.media(media.takeWritten());
    }

    @Override
    public void prCurve(RunRecord.PrCurveValue p) throws IOException {
      put(p.step(), p.wallTime(), p.tag(), media.prCurve(p.tag(), p.step(), p.curve()));
      offline.media(media.takeWritten());
    }

    @Override
    public void embedding(RunRecord.EmbeddingValue e) throws IOException {
      put(e.step(), e.wallTime(), e.tag(), media.embedding(e.tag(), e.step(), e.embedding()));
      offline.media(media.takeWritten());
    }

    @Override
    public void layout(RunRecord.LayoutValue l) {
      // W&B has no counterpart of TensorBoard's Custom Scalars layout: its charts are laid out in
      // the web app, not by the run's files
    }

    @Override
    public void summary(RunRecord.Summary s) {
      key(s.key()).set(s.value());
      summaryDirty = true;
    }

    @Override
    public void end(RunRecord.End e) throws IOException {
      lastWallTime = Math.max(lastWallTime, e.wallTime());
      summaryDirty = true;
      endStatus = e.status();
      if (classic) {
        writeMetadata(dir.resolve(WandbFiles.METADATA), run, state(e.status()));
      }
      writeMetadata(offline.files().resolve(WandbFiles.METADATA), run, state(e.status()));
    }
  }

  private HistoryWriter.Key key(String name) {
    HistoryWriter.Key k = keys.get(name);
    if (k == null) {
      k = new HistoryWriter.Key(name);
      keys.put(name, k);
    }
    return k;
  }

  private void put(long step, double wallTime, String name, Object value) throws IOException {
    HistoryWriter.Key key = key(name);
    key.set(value);
    history.put(step, wallTime, key, value);
    logged(step, wallTime);
  }

  /** The summary's {@code _step} and {@code _timestamp}: the newest of everything logged. */
  private void logged(long step, double wallTime) {
    if (step > lastStep) {
      lastStep = step;
    }
    if (wallTime > lastWallTime) {
      lastWallTime = wallTime;
    }
    summaryDirty = true;
  }

  @Override
  public void flush() throws IOException {
    // media first: a history row must not point at a file that a crash could lose
    mediaFiles.sync();
    history.flush(false);
    writeSummaryIfChanged();
    offline.flush();
  }

  /**
   * Writes only the history rows that can no longer receive a value (see {@link HistoryWriter}):
   * the steps of the window stay open for values still on their way.
   */
  @Override
  public void flushOnInterval() throws IOException {
    mediaFiles.sync();
    history.flush(true);
    writeSummaryIfChanged();
    offline.flush();
  }

  private void writeSummaryIfChanged() throws IOException {
    if (summaryDirty) {
      writeSummary();
      summaryDirty = false;
    }
  }

  private void writeSummary() throws IOException {
    if (classic) {
      writeSummary(dir.resolve(WandbFiles.SUMMARY));
    }
    writeSummary(offline.files().resolve(WandbFiles.SUMMARY));
    Map<String, String> values = new LinkedHashMap<>();
    for (HistoryWriter.Key k : keys.values()) {
      if (!k.name.startsWith("_")) {
        values.put(
            k.name,
            k.lastObject != null
                ? WandbRecords.json(k.lastObject)
                : WandbRecords.json(k.lastNumber));
      }
    }
    long lastWallMillis = Math.round(lastWallTime * 1000);
    long runtime = offline.runtimeMillis(lastWallMillis);
    values.put("_step", Long.toString(Math.max(lastStep, 0)));
    values.put("_runtime", WandbRecords.seconds(runtime));
    values.put("_timestamp", WandbRecords.seconds(lastWallMillis));
    values.put("_wandb", "{\"runtime\":" + Math.max(0, runtime / 1000) + "}");
    offline.summary(values);
  }

  private void writeSummary(Path file) throws IOException {
    WandbFiles.replaceAtomically(
        file,
        out -> {
          try (JsonGenerator json = WandbFiles.JSON.createGenerator(out)) {
            json.writeStartObject();
            for (HistoryWriter.Key k : keys.values()) {
              if (!k.name.startsWith("_")) {
                json.writeFieldName(k.name);
                if (k.lastObject != null) {
                  HistoryWriter.writeValue(json, k.lastObject);
                } else {
                  json.writeNumber(k.lastNumber);
                }
              }
            }
            json.writeNumberField("_step", Math.max(lastStep, 0));
            double runtime = lastWallTime - run.startWallTime();
            json.writeNumberField("_runtime", runtime);
            json.writeNumberField("_timestamp", lastWallTime);
            json.writeObjectFieldStart("_wandb");
            json.writeNumberField("runtime", (long) runtime);
            json.writeEndObject();
            json.writeEndObject();
          }
        });
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
      offline.finish(
          endStatus == RunStatus.SUCCESS || endStatus == RunStatus.RUNNING ? 0 : 1,
          offline.runtimeMillis(Math.round(lastWallTime * 1000)));
      offline.flush();
    } finally {
      try {
        history.close();
      } finally {
        offline.close();
      }
    }
  }

  @Override
  public String describe() {
    return classic
        ? "W&B run files in " + dir + " and offline run " + offline.dir().getFileName()
        : "W&B offline run " + offline.dir();
  }

  /** The earlier summary's values, without W&amp;B's own {@code _} keys. */
  private static Map<String, Object> readSummary(Path file) throws IOException {
    List<String> warnings = new ArrayList<>();
    Map<String, Object> old =
        new LinkedHashMap<>(WandbRuns.readObject(file, WandbFiles.JSON_MAPPER, warnings));
    warnings.forEach(w -> log.warn("{}: {}", file.getParent(), w));
    old.keySet().removeIf(k -> k.startsWith("_"));
    return old;
  }

  private static void writeConfig(Path file, RunInfo run) throws IOException {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("wandb_version", 1);
    run.config().forEach((k, v) -> yaml.put(k, entry(v)));
    Map<String, Object> wandb = new LinkedHashMap<>();
    wandb.put("run_name", run.name());
    wandb.put("group", run.group());
    wandb.put("start_time", run.startWallTime());
    wandb.put("writer", "dltrack");
    yaml.put("_wandb", entry(wandb));
    WandbFiles.replaceAtomically(file, out -> WandbFiles.YAML_MAPPER.writeValue(out, yaml));
  }

  private static Map<String, Object> entry(Object value) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("desc", null);
    e.put("value", value);
    return e;
  }

  /** W&amp;B's words for how a run ended. */
  static String state(RunStatus status) {
    return switch (status) {
      case SUCCESS -> "finished";
      case FAILURE -> "failed";
      case RUNNING -> "running";
      case UNKNOWN -> "crashed";
    };
  }

  private static void writeMetadata(Path file, RunInfo run, String state) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "os",
        System.getProperty("os.name")
            + "-"
            + System.getProperty("os.version")
            + "-"
            + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.version"));
    m.put("javaVendor", System.getProperty("java.vendor"));
    m.put("program", run.program());
    m.put("args", run.args());
    m.put(
        "startedAt", STARTED_AT.format(Instant.ofEpochMilli((long) (run.startWallTime() * 1000))));
    m.put("host", run.host());
    m.put("username", System.getProperty("user.name"));
    m.put("executable", ProcessHandle.current().info().command().orElse("java"));
    m.put("root", Path.of("").toAbsolutePath().toString());
    m.put("cpu_count", Runtime.getRuntime().availableProcessors());
    m.put("cpu_count_logical", Runtime.getRuntime().availableProcessors());
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("total", totalMemoryGb());
    memory.put("jvm_max", Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
    m.put("memory", memory);
    m.put("state", state);
    WandbFiles.replaceAtomically(
        file, out -> WandbFiles.JSON_MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, m));
  }

  private static double totalMemoryGb() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return Double.NaN;
  }
}
