package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import dev.dltrack.tracker.read.TextPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Static functions that read the W&amp;B files {@link WandbSink} writes (and W&amp;B's classic run
 * files in general) from {@code <run>/wandb/}; for a whole log root, {@link
 * dev.dltrack.tracker.read.LogRoot#read} with {@link WandbRunReader}.
 *
 * <p>What cannot be read at all is a {@link CorruptRunFileException} naming the file and line: a
 * history line that is not a JSON object (except a last line cut short by a crash, which is
 * skipped with a warning), a summary, metadata or config that is not JSON/YAML or not an object.
 * What is merely incomplete is read with a warning in {@link WandbRun#warnings()}: a history row
 * without a usable {@code _step} (missing, a string, a fraction) is skipped, since it has no
 * place on the step axis; a row without {@code _timestamp} is kept (its wall time is the run's
 * start plus {@code _runtime}, or NaN); an empty or {@code null} summary, metadata or config
 * reads as empty; a histogram object that is malformed is left out of {@link #readRunLog}.
 */
public final class WandbRuns {
  private static final TypeReference<Object> ANY = new TypeReference<>() {};

  private WandbRuns() {}

  /**
   * Reads the W&amp;B files of the run in {@code runDir}.
   *
   * @param runDir the run's directory, which holds {@code wandb/}
   * @return the run's files as read
   * @throws IOException if {@code wandb/} is missing or a file cannot be read at all
   */
  public static WandbRun read(Path runDir) throws IOException {
    return parse(runDir).run;
  }

  /** The run and, for each history row, the file line it came from. */
  private record Parsed(WandbRun run, int[] historyLines, Path historyFile) {}

  private static Parsed parse(Path runDir) throws IOException {
    Path dir = runDir.resolve(WandbFiles.DIR);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no W&B run files here");
    }
    List<String> warnings = new ArrayList<>();
    Path historyFile = dir.resolve(WandbFiles.HISTORY);
    List<Map<String, Object>> history = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    readHistory(historyFile, history, lines, warnings);
    Map<String, Object> summary =
        readObject(dir.resolve(WandbFiles.SUMMARY), WandbFiles.JSON_MAPPER, warnings);
    Map<String, Object> metadata =
        readObject(dir.resolve(WandbFiles.METADATA), WandbFiles.JSON_MAPPER, warnings);
    Map<String, Object> config = new LinkedHashMap<>();
    readObject(dir.resolve(WandbFiles.CONFIG), WandbFiles.YAML_MAPPER, warnings)
        .forEach(
            (k, v) -> {
              if (v instanceof Map<?, ?> entry && entry.containsKey("value")) {
                config.put(k, entry.get("value"));
              } else {
                config.put(k, v);
              }
            });
    WandbRun run = new WandbRun(history, summary, config, metadata, warnings);
    return new Parsed(run, lines.stream().mapToInt(Integer::intValue).toArray(), historyFile);
  }

  /**
   * The run in {@code runDir} as a {@link RunLog}: numeric history values as scalars, histogram
   * objects as histograms (moments estimated from the buckets), strings as texts, image and table
   * files as images, PR curves and embeddings (see {@link WandbMediaReader}), the config as
   * the session's hparams, the metadata's state as its status.
   *
   * @param runDir the run's directory, which holds {@code wandb/}
   * @param name the run's name
   * @return what the run logged
   * @throws IOException if {@code wandb/} is missing or a file cannot be read at all
   */
  public static RunLog readRunLog(Path runDir, String name) throws IOException {
    Parsed parsed = parse(runDir);
    return toRunLog(
        parsed.run,
        name,
        runDir,
        runDir.resolve(WandbFiles.DIR),
        i -> parsed.historyFile.getFileName() + ":" + parsed.historyLines[i]);
  }

  /**
   * {@code w} as a {@link RunLog} (see {@link #readRunLog}), its media files under {@code
   * mediaDir}; {@code rowPlace} says where history row {@code i} came from, for warnings.
   */
  static RunLog toRunLog(
      WandbRun w, String name, Path runDir, Path mediaDir, IntFunction<String> rowPlace) {
    RunLog.Builder run = RunLog.builder(name, runDir);
    Map<String, Object> hparams = new LinkedHashMap<>();
    Object group = null;
    double start = Double.NaN;
    for (Map.Entry<String, Object> e : w.config().entrySet()) {
      if (e.getKey().equals("_wandb")) {
        if (e.getValue() instanceof Map<?, ?> m) {
          group = m.get("group");
          start = m.get("start_time") instanceof Number n ? n.doubleValue() : Double.NaN;
        }
      } else if (!e.getKey().equals("wandb_version")) {
        hparams.put(e.getKey(), e.getValue() instanceof Number n ? (Object) n.doubleValue() : e.getValue());
      }
    }
    List<Map<String, Object>> history = w.history();
    for (int i = 0; i < history.size(); i++) {
      Map<String, Object> row = history.get(i);
      int index = i;
      long step = ((Number) row.get("_step")).longValue();
      double wallTime = wallTime(row, start);
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
              try {
                WandbRun.histogram(v)
                    .ifPresent(h -> run.histogram(k, new HistogramPoint(step, wallTime, h)));
              } catch (IllegalArgumentException bad) {
                run.warning(
                    String.format(
                        Locale.ROOT,
                        "%s: '%s' is not a valid histogram (%s); left out",
                        rowPlace.apply(index),
                        k,
                        bad.getMessage()));
              }
            }
          });
    }
    RunStatus status =
        switch (String.valueOf(w.metadata().get("state"))) {
          case "finished" -> RunStatus.SUCCESS;
          case "failed" -> RunStatus.FAILURE;
          case "running" -> RunStatus.RUNNING;
          default -> RunStatus.UNKNOWN;
        };
    double end = w.summary().get("_timestamp") instanceof Number n ? n.doubleValue() : 0;
    run.session(
        new Session(
            hparams,
            group != null ? group.toString() : name,
            Double.isNaN(start) ? 0 : start,
            status,
            end));
    w.warnings().forEach(run::warning);
    return run.build();
  }

  /** {@code _timestamp}, else the start plus {@code _runtime}, else NaN. */
  private static double wallTime(Map<String, Object> row, double start) {
    if (row.get("_timestamp") instanceof Number t) {
      return t.doubleValue();
    }
    if (row.get("_runtime") instanceof Number r) {
      return start + r.doubleValue();
    }
    return Double.NaN;
  }

  /** A JSON or YAML file holding one object; absent, empty or {@code null} reads as empty. */
  static Map<String, Object> readObject(Path file, ObjectMapper mapper, List<String> warnings)
      throws IOException {
    if (!Files.exists(file)) {
      return Map.of();
    }
    Object doc;
    try {
      doc = Files.size(file) == 0 ? null : mapper.readValue(file.toFile(), ANY);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
      throw new CorruptRunFileException(
          file, Math.max(line, 0), "not " + format(mapper) + ": " + e.getOriginalMessage(), e);
    }
    if (doc == null) {
      warnings.add(file.getFileName() + " is empty (or null); read as empty");
      return Map.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new CorruptRunFileException(
          file, 0, "holds " + describe(doc) + ", not an object of keys and values", null);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String format(ObjectMapper mapper) {
    return mapper == WandbFiles.YAML_MAPPER ? "YAML" : "JSON";
  }

  private static String describe(Object doc) {
    if (doc == null) {
      return "null";
    } else if (doc instanceof List<?>) {
      return "an array";
    } else if (doc instanceof String) {
      return "a string";
    } else if (doc instanceof Number || doc instanceof Boolean) {
      return "the value " + doc;
    }
    return doc.getClass().getSimpleName();
  }

  private static void readHistory(
      Path file, List<Map<String, Object>> rows, List<Integer> rowLines, List<String> warnings)
      throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (CharacterCodingException e) {
      throw new CorruptRunFileException(file, lines.size() + 1, "not UTF-8 text", e);
    }
    boolean endsWithNewline = Files.size(file) == 0 || endsWithNewline(file);
    String name = file.getFileName().toString();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int lineNr = i + 1;
      if (line.isBlank()) {
        continue;
      }
      boolean cutShort = i == lines.size() - 1 && !endsWithNewline;
      Object doc;
      try {
        doc = WandbFiles.JSON_MAPPER.readValue(line, ANY);
      } catch (JsonProcessingException e) {
        if (cutShort) {
          warnings.add(name + ": last line is cut short; skipped");
          continue;
        }
        throw new CorruptRunFileException(file, lineNr, "not JSON: " + e.getOriginalMessage(), e);
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new CorruptRunFileException(
            file, lineNr, "holds " + describe(doc) + ", not a history row (a JSON object)", null);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      map.forEach((k, v) -> row.put(String.valueOf(k), v));
      Object step = row.get("_step");
      Long integral = integral(step);
      if (integral == null) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "%s:%d: %s; row skipped",
                name,
                lineNr,
                step == null
                    ? "no _step"
                    : "_step is " + describe(step) + (step instanceof String s ? " '" + s + "'" : "")
                        + ", not an integer"));
        continue;
      }
      if (!(step instanceof Integer || step instanceof Long)) {
        row.put("_step", integral);
      }
      if (row.containsKey("_timestamp") && !(row.get("_timestamp") instanceof Number)) {
        warnings.add(
            String.format(
                Locale.ROOT, "%s:%d: _timestamp is not a number; ignored", name, lineNr));
        row.remove("_timestamp");
      }
      rows.add(row);
      rowLines.add(lineNr);
    }
  }

  /** A whole-number {@code _step} as a long, or null. */
  private static Long integral(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return d.longValue();
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException notWhole) {
        return null;
      }
    }
    return null;
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (var ch = Files.newByteChannel(file)) {
      ch.position(ch.size() - 1);
      var b = ByteBuffer.allocate(1);
      ch.read(b);
      return b.get(0) == '\n';
    }
  }
}
