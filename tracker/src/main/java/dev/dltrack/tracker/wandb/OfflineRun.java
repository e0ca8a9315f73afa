package dev.dltrack.tracker.wandb;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.wandb.proto.FilesItem;
import dev.dltrack.tracker.wandb.proto.HistoryItem;
import dev.dltrack.tracker.wandb.proto.Record;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run in W&amp;B's offline layout, the folder {@code wandb sync} uploads: {@code
 * offline-run-YYYYMMDD_HHMMSS-<id>/run-<id>.wandb} (the transaction log, {@link TransactionLog})
 * and {@code files/} beside it (config, summary, metadata and media, never beside the log: a {@code
 * wandb-metadata.json} there makes W&amp;B's sync take the folder for a pre-0.10 run and skip it).
 * The id is 8 characters {@code [a-z0-9]}; the time in the name is the run's start, UTC.
 *
 * <p>A new run's log starts with a header, the run record (id, project, entity, name, group, host,
 * start time, config), the config and a files record for the metadata. Reopening a run (a {@code
 * resume()}) continues the same folder, id and log: a tail that a killed writer left half written
 * is cut, and so are the exit and final records of a run that was closed, which the next close
 * writes again; runtimes go on from the last one logged, as W&amp;B's resume counts them.
 */
final class OfflineRun implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OfflineRun.class);
  static final String FILES = "files";
  private static final Pattern FOLDER = Pattern.compile("offline-run-\\d{8}_\\d{6}-([a-z0-9]{8})");
  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Path dir;
  private final String id;
  private final TransactionLog txlog;
  private final long sessionStartMillis;
  private final long runtimeOffsetMillis;

  /** The last {@code _step} an earlier session wrote, or -1. */
  private final long lastStep;

  private final WandbRecords.HistoryEncoder history = new WandbRecords.HistoryEncoder();
  private long num;

  /**
   * The first failed write: later records are dropped (the log keeps whole records only) and every
   * flush reports it, while the classic files, which share the rows, go on being written.
   */
  private IOException failed;

  private OfflineRun(
      Path dir,
      String id,
      TransactionLog txlog,
      long num,
      long sessionStartMillis,
      long offset,
      long lastStep) {
    this.dir = dir;
    this.lastStep = lastStep;
    this.id = id;
    this.txlog = txlog;
    this.num = num;
    this.sessionStartMillis = sessionStartMillis;
    this.runtimeOffsetMillis = offset;
  }

  /**
   * Opens the offline run under {@code wandbDir} ({@code <run>/wandb/}): continues the one there,
   * or starts a new one with a new id.
   */
  static OfflineRun open(Path wandbDir, RunInfo run, String project, String entity)
      throws IOException {
    Optional<Path> existing = find(wandbDir);
    long start = Math.round(run.startWallTime() * 1000);
    if (existing.isPresent()) {
      return reopen(existing.get(), start);
    }
    String id = newId();
    Path dir =
        wandbDir.resolve(
            "offline-run-" + FOLDER_TIME.format(Instant.ofEpochMilli(start)) + "-" + id);
    Files.createDirectories(dir.resolve(FILES));
    TransactionLog txlog = TransactionLog.create(dir.resolve("run-" + id + ".wandb"));
    OfflineRun r = new OfflineRun(dir, id, txlog, 0, start, 0, -1);
    try {
      r.append(WandbRecords.header(++r.num));
      r.append(
          WandbRecords.run(
              ++r.num,
              id,
              project,
              entity,
              run.name(),
              run.group(),
              run.host(),
              run.startWallTime(),
              run.config()));
      r.append(WandbRecords.config(++r.num, run.config()));
      r.append(WandbRecords.files(++r.num, List.of(WandbFiles.METADATA), FilesItem.FileType.WANDB));
    } catch (IOException | RuntimeException e) {
      txlog.close();
      throw e;
    }
    return r;
  }

  /** The offline run folder in {@code wandbDir}, if there is one; the newest if several. */
  static Optional<Path> find(Path wandbDir) throws IOException {
    if (!Files.isDirectory(wandbDir)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(wandbDir)) {
      return dirs.filter(
              d -> {
                Matcher m = FOLDER.matcher(d.getFileName().toString());
                return m.matches()
                    && Files.isRegularFile(d.resolve("run-" + m.group(1) + ".wandb"));
              })
          .max(Path::compareTo);
    }
  }

  private static OfflineRun reopen(Path dir, long sessionStart) throws IOException {
    Matcher m = FOLDER.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not an offline run folder: " + dir);
    }
    String id = m.group(1);
    Path file = dir.resolve("run-" + id + ".wandb");
    long lastNum = 0;
    long lastRuntime = 0;
    long lastStep = -1;
    // the records at the end that a close wrote (exit, final, footer): taken back, written anew
    Deque<Long> closingStarts = new ArrayDeque<>();
    LogScanner scanner;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      scanner = new LogScanner(in);
      byte[] payload;
      while ((payload = scanner.next()) != null) {
        Record r;
        try {
          r = Record.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
          throw new CorruptRunFileException(
              file, 0, "the record at byte " + scanner.recordStart() + " is not a W&B record", e);
        }
        lastNum = Math.max(lastNum, r.getNum());
        switch (r.getRecordTypeCase()) {
          case EXIT, FINAL, FOOTER -> closingStarts.add(scanner.recordStart());
          default -> closingStarts.clear();
        }
        if (r.hasHistory()) {
          for (HistoryItem item : r.getHistory().getItemList()) {
            if (item.getKey().equals("_runtime")) {
              lastRuntime = Math.max(lastRuntime, millis(item.getValueJson()));
            } else if (item.getKey().equals("_step")) {
              lastStep = Math.max(lastStep, step(item.getValueJson()));
            }
          }
        } else if (r.hasExit()) {
          lastRuntime = Math.max(lastRuntime, r.getExit().getRuntime() * 1000L);
        }
      }
    }
    long end = scanner.validEnd();
    if (scanner.problem() != null) {
      if (end == 0) {
        throw new CorruptRunFileException(file, 0, scanner.problem(), null);
      }
      log.warn(
          "{}: {}; cutting the {} bytes after the last whole record (at byte {}) before appending",
          file,
          scanner.problem(),
          Files.size(file) - end,
          end);
    }
    if (!closingStarts.isEmpty()) {
      end = closingStarts.getFirst();
    }
    Files.createDirectories(dir.resolve(FILES));
    return new OfflineRun(
        dir,
        id,
        TransactionLog.continueAt(file, end),
        lastNum,
        sessionStart,
        lastRuntime,
        lastStep);
  }

  private static long millis(String seconds) {
    try {
      double s = Double.parseDouble(seconds);
      return Double.isFinite(s) ? Math.round(s * 1000) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long step(String json) {
    try {
      return Long.parseLong(json.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String newId() {
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return id.toString();
  }

  Path dir() {
    return dir;
  }

  /** {@code files/}: what W&amp;B uploads besides the log. */
  Path files() {
    return dir.resolve(FILES);
  }

  String id() {
    return id;
  }

  /** The last {@code _step} in the history of the sessions before this one, or -1. */
  long lastStep() {
    return lastStep;
  }

  /** The run's runtime at {@code wallMillis}: this session's, after the earlier sessions'. */
  long runtimeMillis(long wallMillis) {
    return runtimeOffsetMillis + wallMillis - sessionStartMillis;
  }

  /** A history row, as {@link HistoryWriter} writes it. */
  void row(
      long step,
      long wallMillis,
      HistoryWriter.Key[] keys,
      byte[] json,
      int[] starts,
      int[] ends,
      int n)
      throws IOException {
    if (failed != null) {
      return;
    }
    history.encode(++num, step, wallMillis, runtimeMillis(wallMillis), keys, json, starts, ends, n);
    try {
      txlog.append(history.buffer(), 0, history.size());
    } catch (IOException e) {
      failed = e;
      throw e;
    }
  }

  /** Media files just written under {@code files/}, to upload now. */
  void media(List<String> paths) throws IOException {
    if (!paths.isEmpty()) {
      append(WandbRecords.files(++num, paths, FilesItem.FileType.MEDIA));
    }
  }

  /** The summary: every key with its JSON text. */
  void summary(Map<String, String> valuesJson) throws IOException {
    append(WandbRecords.summary(++num, valuesJson));
  }

  /** The end of the run: its exit record, then the final record. */
  void finish(int exitCode, long runtimeMillis) throws IOException {
    append(WandbRecords.exit(++num, exitCode, (int) Math.max(0, runtimeMillis / 1000)));
    append(WandbRecords.fin(++num));
  }

  private void append(byte[] record) throws IOException {
    if (failed != null) {
      return;
    }
    try {
      txlog.append(record);
    } catch (IOException e) {
      failed = e;
      throw e;
    }
  }

  /** Makes every record appended so far durable; after a failed write, reports it. */
  void flush() throws IOException {
    if (failed != null) {
      throw new IOException(
          "an earlier write to " + txlog.path() + " failed: " + failed.getMessage(), failed);
    }
    try {
      txlog.flush();
    } catch (IOException e) {
      failed = e;
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    txlog.close();
  }
}
