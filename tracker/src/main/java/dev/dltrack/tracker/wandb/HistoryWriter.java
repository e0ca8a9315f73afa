package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.internal.AppendOnlyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rows to {@code wandb-history.jsonl}: one JSON object per step, holding everything logged
 * at that step plus {@code _step}, {@code _runtime} and {@code _timestamp}.
 *
 * <p><b>One row per step, and {@code _step} only increases</b>, as in the files W&amp;B writes
 * (W&amp;B itself ignores a log for a step before its current one, with the warning "Step must only
 * increase"). Threads logging into one run deliver their steps slightly out of order, so the rows
 * of recent steps are held open, in step order: values merge into their step's row in whatever
 * order they come, and the same key logged twice at one step keeps the last value.
 *
 * <p><b>The window, exactly.</b> A value for step {@code s} is kept in the history when it arrives
 * while {@code s > newest - }{@link #WINDOW} ({@code newest} being the newest step logged so far,
 * this value's included), unless an explicit {@code flush()} has written the row of {@code s}. Rows
 * are written when they fall out of that window (the oldest open row once more than {@code WINDOW}
 * rows are open, or, at the interval flush, every row {@code WINDOW} or more steps older than the
 * newest), at an explicit flush (all of them, so that everything logged before it is durable) and
 * at close. The interval flush never writes a row of the window: a value still on its way from a
 * thread a few steps behind finds its row open.
 *
 * <p><b>Late values.</b> A value for a step whose row is already written is left out of the
 * history, as W&amp;B leaves it out: the first such value of each key is logged as a warning naming
 * the key and the step, the count is logged at close, and the summary and the other formats still
 * get the value. One case is kept instead: values for the newest step seen that arrive after a
 * {@code flush()} wrote its row (an epoch's validation metrics, say, logged after the caller
 * flushed) go into a second row with the same {@code _step}, because W&amp;B would still have held
 * that step open. {@code _step} therefore never decreases, and repeats only then.
 *
 * <p><b>Whole rows only.</b> A write that fails part-way (disk full, file size limit) is cut back
 * to the last complete row, so the file always loads with {@code pd.read_json(lines=True)}; nothing
 * more is written afterwards. Opening a history that ends in a partial row (a crash in the middle
 * of a write) cuts that row off, with a warning, and the history continues after the last row's
 * {@code _step}.
 *
 * <p>Rows are encoded by hand rather than through a JSON generator: a row per scalar is the common
 * case and the generator's per-row cost would dominate the whole tracker. Keys are escaped once and
 * cached; times, kept in whole milliseconds, are written as exact decimals; only the values
 * themselves need a double-to-text conversion. Numbers are held unboxed and written rows are
 * reused, so logging a scalar allocates nothing here.
 */
final class HistoryWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

  /** How many of the most recent steps are held open for values that arrive out of order. */
  static final int WINDOW = 1024;

  private static final int DRAIN_AT = 1 << 18;
  private static final byte[] STEP = bytes(",\"_step\":");
  private static final byte[] RUNTIME = bytes(",\"_runtime\":");
  private static final byte[] TIMESTAMP = bytes(",\"_timestamp\":");
  private static final byte[] NAN = bytes("NaN");
  private static final byte[] INFINITY = bytes("Infinity");
  private static final byte[] MINUS_INFINITY = bytes("-Infinity");

  private final Path path;

  /** Its length counts whole rows, ours or an earlier writer's; the buffer goes after them. */
  private final AppendOnlyFile file;

  private final long startMillis;

  /** Open rows in increasing step order, in a ring: {@code ring[(head + i) & MASK]}. */
  private final Row[] ring = new Row[Integer.highestOneBit(WINDOW) * 2];

  private final int mask = ring.length - 1;
  private int head;
  private int open;

  /** Written rows, kept for reuse. */
  private Row free;

  private Row lastRow;

  /** The step of the last row written, or -1. */
  private long writtenStep;

  /** The newest step accepted into the history, or -1. */
  private long newestStep;

  private long lateValues;
  private byte[] buf = new byte[DRAIN_AT + 4096];
  private int size;

  /** Sees every row as it is written: W&amp;B's transaction log takes the same rows. */
  private RowListener rowListener;

  /**
   * Receives each row as it is written: its keys and each value's JSON, {@code json[starts[i],
   * ends[i])}, as the history line has it (valid during the call only).
   */
  interface RowListener {
    void row(long step, long wallMillis, Key[] keys, byte[] json, int[] starts, int[] ends, int n)
        throws IOException;
  }

  /** Where each value of the row being written starts and ends in {@link #buf}. */
  private int[] valueStarts = new int[8];

  private int[] valueEnds = new int[8];

  /** Makes {@code listener} receive every row written from now on. */
  void onRow(RowListener listener) {
    this.rowListener = listener;
  }

  /**
   * A history key: its name, its JSON prefix ({@code "name":}) escaped once, and its latest value,
   * which is also its summary value: a number, or {@link #lastObject} when that is not null.
   */
  static final class Key {
    final String name;
    final byte[] prefix;
    double lastNumber;
    Object lastObject;
    boolean warnedLate;

    Key(String name) {
      this.name = name;
      this.prefix = keyPrefix(name);
    }

    void set(double value) {
      lastNumber = value;
      lastObject = null;
    }

    void set(Object value) {
      lastObject = value;
    }
  }

  /**
   * One step's values, in the order they were first logged, and the latest wall time among them. A
   * value is {@code objects[i]} when that is not null, else {@code numbers[i]}.
   */
  private static final class Row {
    long step;
    Key[] keys = new Key[4];
    double[] numbers = new double[4];
    Object[] objects = new Object[4];
    int n;
    long wallMillis;

    /** The next free row, while this one is free. */
    Row next;

    void put(Key key, double number, Object object) {
      int i = 0;
      while (i < n && keys[i] != key) {
        i++;
      }
      if (i == n) {
        if (n == keys.length) {
          keys = Arrays.copyOf(keys, n * 2);
          numbers = Arrays.copyOf(numbers, n * 2);
          objects = Arrays.copyOf(objects, n * 2);
        }
        keys[i] = key;
        n++;
      }
      numbers[i] = number;
      objects[i] = object;
    }
  }

  /**
   * Rows for the {@link RowListener} only, written to no file (the run's option {@code
   * wandb.classic=false}): {@code lastStep} is the last step an earlier session wrote, or -1.
   */
  HistoryWriter(double startWallTime, long lastStep) {
    this.path = null;
    this.startMillis = Math.round(startWallTime * 1000);
    this.file = null;
    this.writtenStep = lastStep;
    this.newestStep = lastStep;
  }

  HistoryWriter(Path path, double startWallTime) throws IOException {
    this.path = path;
    this.startMillis = Math.round(startWallTime * 1000);
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    try {
      this.file = new AppendOnlyFile(path, channel, channel.size());
      this.writtenStep = continueExisting();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.newestStep = writtenStep;
  }

  Path path() {
    return path;
  }

  /** The history's file, or what stands for it in messages when there is none. */
  private String where() {
    return path != null ? path.toString() : "the W&B history (classic files off)";
  }

  /** Values left out of the history because their step's row was already written. */
  long lateValues() {
    return lateValues;
  }

  /** Sets {@code key} to a number in the row of {@code step}. */
  void put(long step, double wallTime, Key key, double value) throws IOException {
    put(step, wallTime, key, value, null);
  }

  /** Sets {@code key} to a histogram, a string or another JSON value in the row of {@code step}. */
  void put(long step, double wallTime, Key key, Object value) throws IOException {
    put(step, wallTime, key, 0, value);
  }

  private void put(long step, double wallTime, Key key, double number, Object object)
      throws IOException {
    Row row = lastRow;
    if (row == null || row.step != step) {
      row = rowFor(step);
      if (row == null) {
        late(step, key);
        return;
      }
      lastRow = row;
    }
    row.put(key, number, object);
    long millis = Math.round(wallTime * 1000);
    if (millis > row.wallMillis) {
      row.wallMillis = millis;
    }
    // evict only after the value is in: the new row may itself be the oldest open step
    if (open > WINDOW) {
      writeRow(removeOldest());
    }
  }

  /** The open row of {@code step}, a new one in its place, or null when the step is late. */
  private Row rowFor(long step) {
    if (step > newestStep) {
      newestStep = step;
      Row r = newRow(step);
      ring[(head + open) & mask] = r;
      open++;
      return r;
    }
    // binary search among the open rows, all of them older than newestStep
    int lo = 0;
    int hi = open;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ring[(head + mid) & mask].step < step) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < open && ring[(head + lo) & mask].step == step) {
      return ring[(head + lo) & mask];
    }
    if (step < writtenStep || (step == writtenStep && step != newestStep)) {
      return null;
    }
    // a step between the last written row and the open ones, or the newest step again after a
    // flush wrote it: the latter starts a second row for that step (see the class comment)
    Row r = newRow(step);
    if (lo == 0) {
      head = (head - 1) & mask;
      ring[head] = r;
    } else {
      for (int i = open; i > lo; i--) {
        ring[(head + i) & mask] = ring[(head + i - 1) & mask];
      }
      ring[(head + lo) & mask] = r;
    }
    open++;
    return r;
  }

  private Row newRow(long step) {
    Row r = free;
    if (r == null) {
      r = new Row();
    } else {
      free = r.next;
      r.next = null;
    }
    r.step = step;
    r.n = 0;
    r.wallMillis = Long.MIN_VALUE;
    return r;
  }

  private Row removeOldest() {
    Row r = ring[head];
    ring[head] = null;
    head = (head + 1) & mask;
    open--;
    return r;
  }

  private void late(long step, Key key) {
    lateValues++;
    if (!key.warnedLate) {
      key.warnedLate = true;
      log.warn(
          "{}: '{}' at step {} came after that step's row was written (the history is at step {});"
              + " W&B's history only moves forward, so the value is left out of it (the summary"
              + " and the other formats keep it). Log each step's values within {} steps of the"
              + " newest and before a flush. Further late values of '{}' are only counted.",
          where(),
          key.name,
          step,
          writtenStep,
          WINDOW,
          key.name);
    }
  }

  /**
   * Writes the open rows, in step order, and forces the file to the device: all of them (an
   * explicit flush, after which everything logged before it is durable), or, for the writer's
   * interval flush, only the rows that can no longer receive a value: those {@link #WINDOW} or more
   * steps older than the newest. A value still on its way for a step of the window (another thread
   * a few steps behind) therefore finds its row open whatever the interval flush did.
   */
  void flush(boolean onInterval) throws IOException {
    if (onInterval) {
      while (open > 0 && ring[head].step <= newestStep - WINDOW) {
        writeRow(removeOldest());
      }
    } else {
      while (open > 0) {
        writeRow(removeOldest());
      }
    }
    drain();
    if (file == null) {
      return;
    }
    file.force();
  }

  private void writeRow(Row row) throws IOException {
    if (row == lastRow) {
      lastRow = null;
    }
    writtenStep = row.step;
    if (valueStarts.length < row.n) {
      valueStarts = new int[Math.max(row.n, 2 * valueStarts.length)];
      valueEnds = new int[valueStarts.length];
    }
    ensure(64);
    buf[size++] = '{';
    for (int i = 0; i < row.n; i++) {
      if (i > 0) {
        ensure(1);
        buf[size++] = ',';
      }
      append(row.keys[i].prefix);
      valueStarts[i] = size;
      Object o = row.objects[i];
      if (o == null) {
        appendDouble(row.numbers[i]);
      } else {
        appendObject(o);
        row.objects[i] = null;
      }
      valueEnds[i] = size;
    }
    if (rowListener != null) {
      // the values as just written, encoded once for both files
      rowListener.row(row.step, row.wallMillis, row.keys, buf, valueStarts, valueEnds, row.n);
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
    row.next = free;
    free = row;
    if (size >= DRAIN_AT) {
      drain();
    }
  }

  private void appendObject(Object v) throws IOException {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator json = WandbFiles.JSON.createGenerator(out)) {
      writeValue(json, v);
    }
    append(out.toByteArray());
  }

  /**
   * Writes a history or summary value: a number, a string, a histogram or a JSON value (a media
   * reference, a table's rows: maps and lists of these).
   */
  static void writeValue(JsonGenerator json, Object v) throws IOException {
    if (v instanceof Double d) {
      json.writeNumber(d);
    } else if (v instanceof Histogram h) {
      writeHistogram(json, h.coarsen(Histogram.MAX_BUCKETS));
    } else if (v instanceof String s) {
      json.writeString(s);
    } else if (v instanceof Float f) {
      // a float32 written as its own shortest decimal, not a double's
      json.writeNumber(f);
    } else if (v instanceof float[] values) {
      // an embedding's vector: float32s, as above, without boxing each
      json.writeStartArray();
      for (float f : values) {
        json.writeNumber(f);
      }
      json.writeEndArray();
    } else if (v instanceof Integer || v instanceof Long) {
      json.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      json.writeNumber(n.doubleValue());
    } else if (v instanceof Map<?, ?> m) {
      // a media or table reference: {"_type": "image-file", "path": ..., ...}
      json.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
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
      // a value read back from an earlier summary (a histogram object, a list): the mapper is
      // named here rather than found as the generator's codec, which this factory does not have
      WandbFiles.JSON_MAPPER.writeValue(json, v);
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
      append(NAN);
    } else if (Double.isInfinite(d)) {
      append(d > 0 ? INFINITY : MINUS_INFINITY);
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

  /**
   * {@code ms / 1000} exactly, without trailing zeros: 1500 is {@code 1.5}, 2000 is {@code 2.0}.
   */
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
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void drain() throws IOException {
    if (file == null) {
      // no file: the listener has had the rows
      size = 0;
      return;
    }
    file.write(buf, size, this::cutBackToWholeRows);
    size = 0;
    if (buf.length > 2 * DRAIN_AT) {
      buf = new byte[DRAIN_AT + 4096];
    }
  }

  /**
   * After a failed write of {@code buf[0, size)} at {@code length}, of which {@code written} bytes
   * reached the file: truncates the file to the end of the last whole row, so that no partial row
   * is left; returns the bytes of the buffer that stay.
   */
  private int cutBackToWholeRows(FileChannel channel, long length, int written) throws IOException {
    long actual = channel.size();
    if (actual >= length && actual - length <= size) {
      written = (int) (actual - length);
    }
    int whole = written;
    while (whole > 0 && buf[whole - 1] != '\n') {
      whole--;
    }
    if (whole < written) {
      channel.truncate(length + whole);
    }
    return whole;
  }

  /**
   * Prepares to append to what an earlier writer left: a partial last row (a crash in the middle of
   * a write) is cut off; returns the last row's {@code _step}, or -1 for an empty history.
   */
  private long continueExisting() throws IOException {
    if (file.length() == 0) {
      return -1;
    }
    // an appending channel cannot read
    try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
      return continueExisting(reader);
    }
  }

  private long continueExisting(FileChannel reader) throws IOException {
    long length = file.length();
    if (length == 0) {
      return -1;
    }
    long end = lastNewline(reader, length);
    if (end + 1 < length) {
      log.warn(
          "{}: the last row is incomplete (an earlier writer stopped in the middle of it);"
              + " removing its {} bytes before appending",
          path,
          length - end - 1);
      file.cutTo(end + 1);
    }
    if (end < 0) {
      return -1;
    }
    long start = lastNewline(reader, end) + 1;
    if (end - start > Integer.MAX_VALUE - 16) {
      return -1;
    }
    ByteBuffer line = ByteBuffer.allocate((int) (end - start));
    while (line.hasRemaining()) {
      if (reader.read(line, start + line.position()) < 0) {
        break;
      }
    }
    try {
      JsonNode row = WandbFiles.JSON_MAPPER.readTree(line.array());
      JsonNode step = row == null ? null : row.get("_step");
      if (step != null && step.canConvertToLong()) {
        return step.asLong();
      }
    } catch (IOException notJson) {
      // fall through: the reader reports such a row; the new rows need no earlier step
    }
    log.warn(
        "{}: the last row has no usable _step; new rows are appended without checking their order"
            + " against it",
        path);
    return -1;
  }

  /** The position of the last {@code '\n'} before {@code before}, or -1. */
  private long lastNewline(FileChannel reader, long before) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    long pos = before;
    while (pos > 0) {
      int len = (int) Math.min(chunk.capacity(), pos);
      long from = pos - len;
      chunk.clear().limit(len);
      while (chunk.hasRemaining()) {
        if (reader.read(chunk, from + chunk.position()) < 0) {
          throw new IOException(
              String.format(Locale.ROOT, "%s shrank while it was being read", path));
        }
      }
      for (int i = len - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return from + i;
        }
      }
      pos = from;
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    try {
      if (file != null) {
        file.close(() -> flush(false));
      } else {
        flush(false);
      }
    } finally {
      if (lateValues > 0) {
        log.warn(
            "{}: {} values came after their step's row was written and are not in the history",
            where(),
            lateValues);
      }
    }
  }
}
