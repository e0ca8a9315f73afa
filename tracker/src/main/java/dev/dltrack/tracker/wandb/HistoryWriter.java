package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.dltrack.tracker.Histogram;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends rows to {@code wandb-history.jsonl}: one JSON object per step, holding everything logged
 * at that step plus {@code _step}, {@code _runtime} and {@code _timestamp}.
 *
 * <p>Rows are held back until a flush, or until more than {@link #MAX_PENDING_ROWS} steps are
 * pending, so that values logged at one step from several places (or threads) merge into one row.
 * A value for a step whose row was already written starts a second row with the same {@code
 * _step}. Only whole rows reach the file, so a crash leaves at most a missing tail.
 */
final class HistoryWriter implements AutoCloseable {
  static final int MAX_PENDING_ROWS = 64;
  private static final int DRAIN_AT = 1 << 18;

  private final Path path;
  private final FileChannel channel;
  private final double startWallTime;
  private final TreeMap<Long, Row> pending = new TreeMap<>();
  private final ByteArrayBuilder bytes = new ByteArrayBuilder(DRAIN_AT + 4096);
  private final JsonGenerator json;
  private Row lastRow;
  private boolean broken;

  /** One step's values, in the order they were logged, and the latest wall time among them. */
  static final class Row {
    final long step;
    final Map<String, Object> values = new LinkedHashMap<>();
    double wallTime;

    Row(long step) {
      this.step = step;
    }
  }

  HistoryWriter(Path path, double startWallTime) throws IOException {
    this.path = path;
    this.startWallTime = startWallTime;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.json = WandbFiles.JSON.createGenerator(bytes);
  }

  Path path() {
    return path;
  }

  /** Sets {@code key} in the row of {@code step}. */
  void put(long step, double wallTime, String key, Object value) throws IOException {
    Row row = lastRow;
    if (row == null || row.step != step) {
      row = pending.computeIfAbsent(step, Row::new);
      lastRow = row;
    }
    row.values.put(key, value);
    if (wallTime > row.wallTime) {
      row.wallTime = wallTime;
    }
    // evict only after the value is in: the new row may itself be the lowest pending step
    if (pending.size() > MAX_PENDING_ROWS) {
      writeRow(pending.pollFirstEntry().getValue());
    }
  }

  /** Writes every pending row, in step order, and forces the file to the device. */
  void flush() throws IOException {
    List<Row> rows = new ArrayList<>(pending.values());
    pending.clear();
    lastRow = null;
    for (Row r : rows) {
      writeRow(r);
    }
    drain();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new IOException("syncing " + path + " failed: " + e.getMessage(), e);
    }
  }

  private void writeRow(Row row) throws IOException {
    if (row == lastRow) {
      lastRow = null;
    }
    json.writeStartObject();
    for (Map.Entry<String, Object> e : row.values.entrySet()) {
      json.writeFieldName(e.getKey());
      writeValue(json, e.getValue());
    }
    json.writeNumberField("_step", row.step);
    json.writeNumberField("_runtime", row.wallTime - startWallTime);
    json.writeNumberField("_timestamp", row.wallTime);
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
    if (bytes.size() >= DRAIN_AT) {
      drain();
    }
  }

  /** Writes a history value: a number, a string or a histogram object. */
  static void writeValue(JsonGenerator json, Object v) throws IOException {
    if (v instanceof Double d) {
      json.writeNumber(d);
    } else if (v instanceof Histogram h) {
      writeHistogram(json, h.coarsen(Histogram.MAX_BUCKETS));
    } else if (v instanceof String s) {
      json.writeString(s);
    } else if (v instanceof Number n) {
      json.writeNumber(n.doubleValue());
    } else {
      json.writeObject(v);
    }
  }

  /** W&amp;B's histogram: {@code {"_type": "histogram", "values": counts, "bins": edges}}. */
  private static void writeHistogram(JsonGenerator json, Histogram h) throws IOException {
    json.writeStartObject();
    json.writeStringField("_type", "histogram");
    json.writeArrayFieldStart("values");
    for (int i = 0; i < h.bucketCount(); i++) {
      double c = h.bucketCount(i);
      if (c == Math.rint(c) && Math.abs(c) < 1e15) {
        json.writeNumber((long) c);
      } else {
        json.writeNumber(c);
      }
    }
    json.writeEndArray();
    json.writeArrayFieldStart("bins");
    for (int i = 0; i <= h.bucketCount(); i++) {
      json.writeNumber(h.edge(i));
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void drain() throws IOException {
    if (broken) {
      throw new IOException("an earlier write to " + path + " failed; nothing more is written");
    }
    ByteBuffer bb = ByteBuffer.wrap(bytes.getCurrentSegment(), 0, bytes.getCurrentSegmentLength());
    if (bytes.size() != bytes.getCurrentSegmentLength()) {
      bb = ByteBuffer.wrap(bytes.toByteArray());
    }
    broken = true; // until everything is out: a retry would write its head twice
    try {
      while (bb.hasRemaining()) {
        channel.write(bb);
      }
    } catch (IOException e) {
      throw new IOException("writing " + path + " failed: " + e.getMessage(), e);
    }
    broken = false;
    bytes.reset();
  }

  @Override
  public void close() throws IOException {
    try {
      if (!broken) {
        flush();
      }
    } finally {
      channel.close();
    }
  }
}
