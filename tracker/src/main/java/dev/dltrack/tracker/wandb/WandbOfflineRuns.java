package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.wandb.proto.ConfigItem;
import dev.dltrack.tracker.wandb.proto.ConfigRecord;
import dev.dltrack.tracker.wandb.proto.HistoryItem;
import dev.dltrack.tracker.wandb.proto.Record;
import dev.dltrack.tracker.wandb.proto.RunRecord;
import dev.dltrack.tracker.wandb.proto.SummaryItem;
import dev.dltrack.tracker.wandb.proto.SummaryRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads W&amp;B run folders: {@code offline-run-YYYYMMDD_HHMMSS-<id>/} (and an online run's {@code
 * run-YYYYMMDD_HHMMSS-<id>/}) with the transaction log {@code run-<id>.wandb} and {@code files/}
 * beside it, as {@link WandbSink} writes them and as W&amp;B's own SDK does.
 *
 * <p>The log is the run: history rows, the summary (every summary record applied in order), the
 * config (the run record's, then every config record's) and the exit code. The log is read as
 * wandb's sync reads it ({@link LogScanner}): it stops at the first chunk that is not whole (the
 * tail a killed writer left) or not sound, keeps every record before it, and says where in a
 * warning, as the TensorBoard reader does for a cut event file. A record that is whole but not a
 * W&amp;B record, a history row without a whole-number {@code _step}, or a value that is not JSON
 * is skipped with a warning naming the byte offset of its record.
 */
public final class WandbOfflineRuns {
  private static final TypeReference<Object> ANY = new TypeReference<>() {};

  /** A run folder: W&amp;B's offline ({@code offline-run-}) or online ({@code run-}) one. */
  private static final Pattern FOLDER = Pattern.compile("(?:offline-)?run-\\d{8}_\\d{6}-(.+)");

  private WandbOfflineRuns() {}

  /**
   * A transaction log read back: the run, where each history row's record starts, and what the run
   * record says (empty strings where it says nothing, a null exit code when the log has no exit
   * record).
   */
  record Log(
      WandbRun run,
      long[] rowOffsets,
      Path file,
      String id,
      String displayName,
      String project,
      String entity,
      Integer exitCode) {}

  /**
   * Whether {@code dir} is a W&amp;B run folder: named as one, holding its {@code run-<id>.wandb}.
   */
  static boolean isRunFolder(Path dir) {
    return logFile(dir).isPresent();
  }

  private static Optional<Path> logFile(Path dir) {
    Path name = dir.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = FOLDER.matcher(name.toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    Path file = dir.resolve("run-" + m.group(1) + ".wandb");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The run folders directly in {@code dir} (a {@code wandb/} directory), sorted. */
  static List<Path> runFolders(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(WandbOfflineRuns::isRunFolder).sorted().toList();
    }
  }

  /**
   * Reads the run folder {@code dir}: the history, summary and config from its transaction log, the
   * metadata from {@code files/wandb-metadata.json} (if there) with its {@code state} set from the
   * exit record ({@code finished} for exit code 0, {@code failed} for any other, none without an
   * exit record), and the run record's id, name, project, entity, group and start time in the
   * config's {@code _wandb} entry.
   */
  public static WandbRun read(Path dir) throws IOException {
    return readLog(dir).run();
  }

  /**
   * The run folder {@code dir} as a {@link RunLog} named {@code name} with directory {@code
   * runDir}, read as {@link WandbRuns#readRunLog} reads the classic files: its status is SUCCESS
   * for exit code 0, FAILURE for any other, UNKNOWN without an exit record (the log cannot tell a
   * run still going from one that was killed).
   */
  public static RunLog readRunLog(Path dir, String name, Path runDir) throws IOException {
    Log log = readLog(dir);
    return WandbRuns.toRunLog(
        log.run(),
        name,
        runDir,
        dir.resolve(OfflineRun.FILES),
        i ->
            String.format(
                Locale.ROOT,
                "%s: record at byte offset %d",
                log.file().getFileName(),
                log.rowOffsets()[i]));
  }

  static Log readLog(Path dir) throws IOException {
    Path file =
        logFile(dir)
            .orElseThrow(
                () ->
                    new NoSuchFileException(
                        dir.toString(),
                        null,
                        "not a W&B run folder (no run-<id>.wandb named as the folder)"));
    String fileName = file.getFileName().toString();
    List<String> warnings = new ArrayList<>();
    List<Map<String, Object>> history = new ArrayList<>();
    List<Long> rowOffsets = new ArrayList<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    RunRecord runRecord = null;
    Integer exitCode = null;
    LogScanner scanner;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      scanner = new LogScanner(in);
      byte[] payload;
      while ((payload = scanner.next()) != null) {
        long at = scanner.recordStart();
        Record r;
        try {
          r = Record.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
          warnings.add(skipped(fileName, at, "is not a W&B record: " + e.getMessage()));
          continue;
        }
        switch (r.getRecordTypeCase()) {
          case RUN -> {
            runRecord = r.getRun();
            apply(runRecord.getConfig(), config, fileName, at, warnings);
            applySummary(runRecord.getSummary(), summary, fileName, at, warnings);
          }
          case CONFIG -> apply(r.getConfig(), config, fileName, at, warnings);
          case SUMMARY -> applySummary(r.getSummary(), summary, fileName, at, warnings);
          case HISTORY -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (HistoryItem item : r.getHistory().getItemList()) {
              String key = key(item.getKey(), item.getNestedKeyList());
              Object value = value(item.getValueJson(), key, fileName, at, warnings);
              if (value != NOT_JSON) {
                row.put(key, value);
              }
            }
            Long step = wholeNumber(row.get("_step"));
            if (step == null) {
              warnings.add(skipped(fileName, at, "is a history row without a whole-number _step"));
              continue;
            }
            row.put("_step", step);
            if (row.containsKey("_timestamp") && !(row.get("_timestamp") instanceof Number)) {
              row.remove("_timestamp");
            }
            history.add(row);
            rowOffsets.add(at);
          }
          case EXIT -> exitCode = r.getExit().getExitCode();
          default -> {
            // header, files, final, footer, and what W&B writes besides (telemetry, stats, ...)
          }
        }
      }
    }
    if (scanner.problem() != null) {
      if (scanner.validEnd() == 0) {
        throw new CorruptRunFileException(file, 0, scanner.problem(), null);
      }
      warnings.add(
          String.format(
              Locale.ROOT,
              "%s: %s; read up to byte offset %d, the end of the last whole record (the rest, %d"
                  + " bytes, is a tail a stopped writer left or damage)",
              fileName,
              scanner.problem(),
              scanner.validEnd(),
              Files.size(file) - scanner.validEnd()));
    }
    if (runRecord == null) {
      warnings.add(fileName + ": has no run record; its id, name and start time are not known");
      runRecord = RunRecord.getDefaultInstance();
    }
    config.remove("_wandb");
    Map<String, Object> wandb = new LinkedHashMap<>();
    wandb.put("run_id", runRecord.getRunId());
    wandb.put("display_name", runRecord.getDisplayName());
    wandb.put("project", runRecord.getProject());
    wandb.put("entity", runRecord.getEntity());
    if (!runRecord.getRunGroup().isEmpty()) {
      wandb.put("group", runRecord.getRunGroup());
    }
    if (runRecord.hasStartTime()) {
      Timestamp start = runRecord.getStartTime();
      wandb.put("start_time", start.getSeconds() + start.getNanos() / 1e9);
    }
    config.put("_wandb", wandb);

    Map<String, Object> metadata =
        new LinkedHashMap<>(
            WandbRuns.readObject(
                dir.resolve(OfflineRun.FILES).resolve(WandbFiles.METADATA),
                WandbFiles.JSON_MAPPER,
                warnings));
    metadata.remove("state");
    if (exitCode != null) {
      metadata.put("state", exitCode == 0 ? "finished" : "failed");
      metadata.put("exit_code", exitCode);
    }
    return new Log(
        new WandbRun(history, summary, config, metadata, warnings),
        rowOffsets.stream().mapToLong(Long::longValue).toArray(),
        file,
        runRecord.getRunId(),
        runRecord.getDisplayName(),
        runRecord.getProject(),
        runRecord.getEntity(),
        exitCode);
  }

  private static void apply(
      ConfigRecord c, Map<String, Object> config, String file, long at, List<String> warnings) {
    for (ConfigItem item : c.getUpdateList()) {
      String key = key(item.getKey(), item.getNestedKeyList());
      Object value = value(item.getValueJson(), key, file, at, warnings);
      if (value != NOT_JSON) {
        config.put(key, value);
      }
    }
    for (ConfigItem item : c.getRemoveList()) {
      config.remove(key(item.getKey(), item.getNestedKeyList()));
    }
  }

  private static void applySummary(
      SummaryRecord s, Map<String, Object> summary, String file, long at, List<String> warnings) {
    for (SummaryItem item : s.getUpdateList()) {
      String key = key(item.getKey(), item.getNestedKeyList());
      Object value = value(item.getValueJson(), key, file, at, warnings);
      if (value != NOT_JSON) {
        summary.put(key, value);
      }
    }
    for (SummaryItem item : s.getRemoveList()) {
      summary.remove(key(item.getKey(), item.getNestedKeyList()));
    }
  }

  /** A key, or a nested key's path joined by dots. */
  private static String key(String key, List<String> nested) {
    return key.isEmpty() && !nested.isEmpty() ? String.join(".", nested) : key;
  }

  private static final Object NOT_JSON = new Object();

  /**
   * {@code json} parsed as Python's {@code json} reads it (NaN, ±Infinity), or {@link #NOT_JSON}.
   */
  private static Object value(
      String json, String key, String file, long at, List<String> warnings) {
    try {
      return WandbFiles.JSON_MAPPER.readValue(json, ANY);
    } catch (JsonProcessingException e) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%s: record at byte offset %d: the value of '%s' is not JSON (%s); left out",
              file,
              at,
              key,
              e.getOriginalMessage()));
      return NOT_JSON;
    }
  }

  private static Long wholeNumber(Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return d.longValue();
    }
    return null;
  }

  private static String skipped(String file, long at, String why) {
    return String.format(Locale.ROOT, "%s: record at byte offset %d %s; skipped", file, at, why);
  }
}
