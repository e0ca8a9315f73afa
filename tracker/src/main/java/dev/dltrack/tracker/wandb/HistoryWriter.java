package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.dltrack.tracker.Histogram;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends rows to {@code wandb-history.jsonl}: one JSON object per step, holding everything logged
 * at that step plus {@code _step}, {@code _runtime} and {@code _timestamp}.
 *
 * <p>Rows are held back until a flush, or until more than {@link #MAX_PENDING_ROWS} steps are
 * pending, so that values logged at one step from several places (or threads) merge into one row.
 * A value for a step whose row was already written starts a second row with the same {@code
 * _step}. Only whole rows reach the file, so a crash leaves at most a missing tail.
 *
 * <p>Rows are encoded by hand rather than through a JSON generator: a row per scalar is the
 * common case and the generator's per-row cost would dominate the whole tracker. Keys are escaped
 * once and cached; times, kept in whole milliseconds, are written as exact decimals; only the
 * values themselves need a double-to-text conversion.
 */
final class HistoryWriter implements AutoCloseable {
  static final int MAX_PENDING_ROWS = 64;
  private static final int DRAIN_AT = 1 << 18;
  private static final byte[] STEP = bytes(",\"_step\":");
  private static final byte[] RUNTIME = bytes(",\"_runtime\":");
  private static final byte[] TIMESTAMP = bytes(",\"_timestamp\":");

  private final Path path;
  private final FileChannel channel;
  private final long startMillis;
  /** Pending rows in step order; short, and nearly always appended to at the end. */
  private final List<Row> pending = new ArrayList<>();
  private byte[] buf = new byte[DRAIN_AT + 4096];
  private int size;
  private Row lastRow;
  private boolean broken;

  /**
   * A history key: its name, its JSON prefix ({@code "name":}) escaped once, and its latest value,
   * which is also its summary value.
   */
  static final class Key {
    final String name;
    final byte[] prefix;
    Object last;

    Key(String name) {
      this.name = name;
      this.prefix = keyPrefix(name);
    }
  }

  /** One step's values, in the order they were logged, and the latest wall time among them. */
  private static final class Row {
    final long step;
    Key[] keys = new Key[2];
    Object[] values = new Object[2];
    int n;
    long wallMillis;

    Row(long step) {
      this.step = step;
    }

    void put(Key key, Object value) {
      for (int i = 0; i < n; i++) {
        if (keys[i] == key) {
          values[i] = value;
          return;
        }
      }
      if (n == keys.length) {
        keys = java.util.Arrays.copyOf(keys, n * 2);
        values = java.util.Arrays.copyOf(values, n * 2);
      }
      keys[n] = key;
      values[n++] = value;
    }
  }

  HistoryWriter(Path path, double startWallTime) throws IOException {
    this.path = path;
    this.startMillis = Math.round(startWallTime * 1000);
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  Path path() {
    return path;
  }

  /** Sets {@code key} in the row of {@code step}. */
  void put(long step, double wallTime, Key key, Object value) throws IOException {
    Row row = lastRow;
    if (row == null || row.step != step) {
      row = rowFor(step);
      lastRow = row;
    }
    row.put(key, value);
    long millis = Math.round(wallTime * 1000);
    if (millis > row.wallMillis) {
      row.wallMillis = millis;
    }
    // evict only after the value is in: the new row may itself be the lowest pending step
    if (pending.size() > MAX_PENDING_ROWS) {
      writeRow(pending.remove(0));
    }
  }

  private Row rowFor(long step) {
    int n = pending.size();
    if (n == 0 || pending.get(n - 1).step < step) {
      Row r = new Row(step);
      pending.add(r);
      return r;
    }
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pending.get(mid).step < step) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < n && pending.get(lo).step == step) {
      return pending.get(lo);
    }
    Row r = new Row(step);
    pending.add(lo, r);
    return r;
  }

  /** Writes every pending row, in step order, and forces the file to the device. */
  void flush() throws IOException {
    for (Row r : pending) {
      writeRow(r);
    }
    pending.clear();
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
    ensure(64);
    buf[size++] = '{';
    for (int i = 0; i < row.n; i++) {
      if (i > 0) {
        buf[size++] = ',';
      }
      append(row.keys[i].prefix);
      appendValue(row.values[i]);
    }
    if (row.n == 0) {
      // no leading comma before _step
      append(STEP, 1, STEP.length - 1);
    } else {
      append(STEP);
    }
    appendLong(row.step);
    append(RUNTIME);
    appendMillisAsSeconds(row.wallMillis - startMillis);
    append(TIMESTAMP);
    appendMillisAsSeconds(row.wallMillis);
    ensure(2);
    buf[size++] = '}';
    buf[size++] = '\n';
    if (size >= DRAIN_AT) {
      drain();
    }
  }

  private void appendValue(Object v) throws IOException {
    if (v instanceof Double d) {
      appendDouble(d);
    } else {
      ByteArrayBuilder out = new ByteArrayBuilder(256);
      try (JsonGenerator json = WandbFiles.JSON.createGenerator(out)) {
        writeValue(json, v);
      }
      append(out.toByteArray());
    }
  }

  /**
   * Writes a history value: a number, a string, a histogram object, or a map or list of these (a
   * media reference, a table's rows).
   */
  static void writeValue(JsonGenerator json, Object v) throws IOException {
    if (v instanceof Double d) {
      json.writeNumber(d);
    } else if (v instanceof Histogram h) {
      writeHistogram(json, h.coarsen(Histogram.MAX_BUCKETS));
    } else if (v instanceof String s) {
      json.writeString(s);
    } else if (v instanceof Float f) {
      // a float32 (an embedding's value) written as its own shortest decimal, not a double's
      json.writeNumber(f);
    } else if (v instanceof Integer || v instanceof Long) {
      json.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      json.writeNumber(n.doubleValue());
    } else if (v instanceof java.util.Map<?, ?> m) {
      // a media or table reference: {"_type": "image-file", "path": ..., ...}
      json.writeStartObject();
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        writeValue(json, e.getValue());
      }
      json.writeEndObject();
    } else if (v instanceof List<?> l) {
      json.writeStartArray();
      for (Object o : l) {
        writeValue(json, o);
      }
      json.writeEndArray();
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

  private static byte[] keyPrefix(String key) {
    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(key);
    byte[] out = new byte[quoted.length + 3];
    out[0] = '"';
    System.arraycopy(quoted, 0, out, 1, quoted.length);
    out[quoted.length + 1] = '"';
    out[quoted.length + 2] = ':';
    return out;
  }

  /** Python's spelling: the shortest decimal that reads back as the same double, or NaN. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): ASCII, no encoder
  private void appendDouble(double d) {
    if (Double.isNaN(d)) {
      append(bytes("NaN"));
    } else if (Double.isInfinite(d)) {
      append(bytes(d > 0 ? "Infinity" : "-Infinity"));
    } else {
      String s = NumberOutput.toString(d, true);
      ensure(s.length());
      s.getBytes(0, s.length(), buf, size);
      size += s.length();
    }
  }

  private void appendLong(long v) {
    ensure(20);
    size = NumberOutput.outputLong(v, buf, size);
  }

  /** {@code ms / 1000} exactly, without trailing zeros: 1500 is {@code 1.5}, 2000 is {@code 2.0}. */
  private void appendMillisAsSeconds(long ms) {
    ensure(24);
    if (ms < 0) {
      buf[size++] = '-';
      ms = -ms;
    }
    size = NumberOutput.outputLong(ms / 1000, buf, size);
    buf[size++] = '.';
    int frac = (int) (ms % 1000);
    buf[size++] = (byte) ('0' + frac / 100);
    if (frac % 100 != 0) {
      buf[size++] = (byte) ('0' + frac / 10 % 10);
      if (frac % 10 != 0) {
        buf[size++] = (byte) ('0' + frac % 10);
      }
    }
  }

  private void append(byte[] b) {
    append(b, 0, b.length);
  }

  private void append(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void drain() throws IOException {
    if (broken) {
      throw new IOException("an earlier write to " + path + " failed; nothing more is written");
    }
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, size);
    broken = true; // until everything is out: a retry would write its head twice
    try {
      while (bb.hasRemaining()) {
        channel.write(bb);
      }
    } catch (IOException e) {
      throw new IOException("writing " + path + " failed: " + e.getMessage(), e);
    }
    broken = false;
    size = 0;
    if (buf.length > 2 * DRAIN_AT) {
      buf = new byte[DRAIN_AT + 4096];
    }
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
