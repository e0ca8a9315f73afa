package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import dev.dltrack.tracker.read.TextPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the W&amp;B files {@link WandbSink} writes (and W&amp;B's classic run files in general)
 * from {@code <run>/wandb/}. A last history line cut short by a crash is skipped with a warning;
 * a bad line anywhere else is an error naming the file and line.
 */
public final class WandbRunReader {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private WandbRunReader() {}

  /** Reads the W&amp;B files of the run in {@code runDir}. */
  public static WandbRun read(Path runDir) throws IOException {
    Path dir = runDir.resolve(WandbFiles.DIR);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no W&B run files here");
    }
    List<String> warnings = new ArrayList<>();
    List<Map<String, Object>> history = readHistory(dir.resolve(WandbFiles.HISTORY), warnings);
    Map<String, Object> summary = readJson(dir.resolve(WandbFiles.SUMMARY));
    Map<String, Object> metadata = readJson(dir.resolve(WandbFiles.METADATA));
    Map<String, Object> config = new LinkedHashMap<>();
    Path configFile = dir.resolve(WandbFiles.CONFIG);
    if (Files.exists(configFile)) {
      Map<String, Object> yaml = WandbFiles.YAML_MAPPER.readValue(configFile.toFile(), MAP);
      yaml.forEach(
          (k, v) -> {
            if (v instanceof Map<?, ?> entry && entry.containsKey("value")) {
              config.put(k, entry.get("value"));
            } else {
              config.put(k, v);
            }
          });
    }
    return new WandbRun(history, summary, config, metadata, warnings);
  }

  /**
   * The run in {@code runDir} as a {@link RunLog}: numeric history values as scalars, histogram
   * objects as histograms (moments estimated from the buckets), strings as texts, image and table
   * files as images, PR curves and embeddings (see {@link WandbMediaReader}), the config as
   * the session's hparams, the metadata's state as its status.
   */
  public static RunLog readRunLog(Path runDir, String name) throws IOException {
    WandbRun w = read(runDir);
    RunLog.Builder run = RunLog.builder(name, runDir);
    Path mediaDir = runDir.resolve(WandbFiles.DIR);
    for (Map<String, Object> row : w.history()) {
      long step = ((Number) row.get("_step")).longValue();
      double wallTime = ((Number) row.get("_timestamp")).doubleValue();
      row.forEach(
          (k, v) -> {
            if (k.startsWith("_")) {
              return;
            }
            if (v instanceof Number n) {
              run.scalar(k, new ScalarPoint(step, wallTime, n.doubleValue()));
            } else if (v instanceof String s) {
              run.text(k, new TextPoint(step, wallTime, s));
            } else if (!WandbMediaReader.read(mediaDir, k, step, wallTime, v, run)) {
              WandbRun.histogram(v).ifPresent(h -> run.histogram(k, new HistogramPoint(step, wallTime, h)));
            }
          });
    }
    Map<String, Object> hparams = new LinkedHashMap<>();
    Object group = null;
    double start = 0;
    for (Map.Entry<String, Object> e : w.config().entrySet()) {
      if (e.getKey().equals("_wandb")) {
        if (e.getValue() instanceof Map<?, ?> m) {
          group = m.get("group");
          start = m.get("start_time") instanceof Number n ? n.doubleValue() : 0;
        }
      } else if (!e.getKey().equals("wandb_version")) {
        hparams.put(e.getKey(), e.getValue() instanceof Number n ? (Object) n.doubleValue() : e.getValue());
      }
    }
    RunStatus status =
        switch (String.valueOf(w.metadata().get("state"))) {
          case "finished" -> RunStatus.SUCCESS;
          case "failed" -> RunStatus.FAILURE;
          case "running" -> RunStatus.RUNNING;
          default -> RunStatus.UNKNOWN;
        };
    double end = w.summary().get("_timestamp") instanceof Number n ? n.doubleValue() : 0;
    run.session(new Session(hparams, group != null ? group.toString() : name, start, status, end));
    w.warnings().forEach(run::warning);
    return run.build();
  }

  private static Map<String, Object> readJson(Path file) throws IOException {
    return Files.exists(file) ? WandbFiles.JSON_MAPPER.readValue(file.toFile(), MAP) : Map.of();
  }

  private static List<Map<String, Object>> readHistory(Path file, List<String> warnings)
      throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    boolean endsWithNewline = Files.size(file) == 0 || endsWithNewline(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        rows.add(WandbFiles.JSON_MAPPER.readValue(line, MAP));
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1 && !endsWithNewline) {
          warnings.add(file.getFileName() + ": last line is cut short; skipped");
        } else {
          throw new IOException(file + ": line " + (i + 1) + " is not JSON: " + e.getOriginalMessage(), e);
        }
      }
    }
    return rows;
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (var ch = Files.newByteChannel(file)) {
      ch.position(ch.size() - 1);
      var b = java.nio.ByteBuffer.allocate(1);
      ch.read(b);
      return b.get(0) == '\n';
    }
  }
}
