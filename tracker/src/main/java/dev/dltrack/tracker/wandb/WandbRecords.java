package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.protobuf.Timestamp;
import dev.dltrack.tracker.wandb.proto.ConfigItem;
import dev.dltrack.tracker.wandb.proto.ConfigRecord;
import dev.dltrack.tracker.wandb.proto.FilesItem;
import dev.dltrack.tracker.wandb.proto.FilesRecord;
import dev.dltrack.tracker.wandb.proto.FinalRecord;
import dev.dltrack.tracker.wandb.proto.HeaderRecord;
import dev.dltrack.tracker.wandb.proto.Record;
import dev.dltrack.tracker.wandb.proto.RunExitRecord;
import dev.dltrack.tracker.wandb.proto.RunRecord;
import dev.dltrack.tracker.wandb.proto.SummaryItem;
import dev.dltrack.tracker.wandb.proto.SummaryRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of W&amp;B's transaction log that a run writes, as W&amp;B's own SDK writes them
 * (see {@code ../shared/fixtures/wandb-offline/records.jsonl}): a header, the run (id, project,
 * name, group, host, start time, config), the config again as a config record, history rows that
 * each carry {@code _step}, {@code _runtime} and {@code _timestamp}, the summary (with {@code
 * _wandb.runtime}), a files record for every media file, and at the end the exit and the final
 * record. Values are JSON text ({@code value_json}) as Python's {@code json} writes it: NaN and
 * the infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <p>Pure functions, no I/O. History rows, one per step and the bulk of a run, are encoded by hand
 * by {@link HistoryEncoder} into a reused buffer, to the same bytes as the generated classes.
 */
final class WandbRecords {
  private WandbRecords() {}

  static byte[] header(long num) {
    return Record.newBuilder().setNum(num).setHeader(HeaderRecord.newBuilder()).build().toByteArray();
  }

  /** The run record: what W&amp;B's sender creates the run from. */
  static byte[] run(
      long num,
      String id,
      String project,
      String entity,
      String name,
      String group,
      String host,
      double startWallTime,
      Map<String, Object> config) {
    long millis = Math.round(startWallTime * 1000);
    RunRecord.Builder run =
        RunRecord.newBuilder()
            .setRunId(id)
            .setProject(project)
            .setEntity(entity)
            .setDisplayName(name)
            .setRunGroup(group)
            .setHost(host)
            .setStartTime(
                Timestamp.newBuilder()
                    .setSeconds(Math.floorDiv(millis, 1000))
                    .setNanos(Math.floorMod(millis, 1000) * 1_000_000))
            .setConfig(configRecord(config));
    return Record.newBuilder().setNum(num).setRun(run).build().toByteArray();
  }

  static byte[] config(long num, Map<String, Object> config) {
    return Record.newBuilder().setNum(num).setConfig(configRecord(config)).build().toByteArray();
  }

  /** Config values as the SDK writes them: the raw value's JSON, and {@code _wandb} as {@code {}}. */
  private static ConfigRecord configRecord(Map<String, Object> config) {
    ConfigRecord.Builder c = ConfigRecord.newBuilder();
    config.forEach((k, v) -> c.addUpdate(ConfigItem.newBuilder().setKey(k).setValueJson(json(v))));
    c.addUpdate(ConfigItem.newBuilder().setKey("_wandb").setValueJson("{}"));
    return c.build();
  }

  /** Files to upload, each relative to the run's {@code files/}, now. */
  static byte[] files(long num, List<String> paths, FilesItem.FileType type) {
    FilesRecord.Builder f = FilesRecord.newBuilder();
    for (String p : paths) {
      f.addFiles(FilesItem.newBuilder().setPath(p).setPolicy(FilesItem.PolicyType.NOW).setType(type));
    }
    return Record.newBuilder().setNum(num).setFiles(f).build().toByteArray();
  }

  /** A summary update: every key with its JSON text, in order. */
  static byte[] summary(long num, Map<String, String> valuesJson) {
    SummaryRecord.Builder s = SummaryRecord.newBuilder();
    valuesJson.forEach((k, v) -> s.addUpdate(SummaryItem.newBuilder().setKey(k).setValueJson(v)));
    return Record.newBuilder().setNum(num).setSummary(s).build().toByteArray();
  }

  static byte[] exit(long num, int exitCode, int runtimeSeconds) {
    return Record.newBuilder()
        .setNum(num)
        .setExit(RunExitRecord.newBuilder().setExitCode(exitCode).setRuntime(runtimeSeconds))
        .build()
        .toByteArray();
  }

  static byte[] fin(long num) {
    return Record.newBuilder().setNum(num).setFinal(FinalRecord.newBuilder()).build().toByteArray();
  }

  /** A value's JSON text, as in the history and the summary. */
  static String json(Object value) {
    ByteArrayBuilder out = new ByteArrayBuilder(64);
    try (JsonGenerator g = WandbFiles.JSON.createGenerator(out)) {
      HistoryWriter.writeValue(g, value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + value, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not from a byte array
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** A number's JSON text: the shortest decimal that reads back as the same double, or NaN. */
  static String json(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return NumberOutput.toString(d, true);
  }

  /** {@code ms / 1000} exactly, without trailing zeros: 1500 is {@code 1.5}, 2000 is {@code 2.0}. */
  static String seconds(long ms) {
    StringBuilder s = new StringBuilder(24);
    appendSeconds(s, ms);
    return s.toString();
  }

  private static void appendSeconds(StringBuilder s, long ms) {
    if (ms < 0) {
      s.append('-');
      ms = -ms;
    }
    s.append(ms / 1000).append('.');
    int frac = (int) (ms % 1000);
    s.append((char) ('0' + frac / 100));
    if (frac % 100 != 0) {
      s.append((char) ('0' + frac / 10 % 10));
      if (frac % 10 != 0) {
        s.append((char) ('0' + frac % 10));
      }
    }
  }

  /**
   * Encodes history rows as {@code Record{num, history{item{key, value_json}...}}}, by hand, into
   * a reused buffer: the values in the row's order, then {@code _step}, {@code _runtime} and
   * {@code _timestamp}, as {@code wandb} puts them. The buffer is valid until the next call.
   */
  static final class HistoryEncoder {
    private static final byte[] STEP = utf8("_step");
    private static final byte[] RUNTIME = utf8("_runtime");
    private static final byte[] TIMESTAMP = utf8("_timestamp");

    private final IdentityHashMap<HistoryWriter.Key, byte[]> keyBytes = new IdentityHashMap<>();
    /** The values' JSON, one after another, then the times'. */
    private byte[] values = new byte[256];

    private int[] valueEnds = new int[8];
    private byte[] out = new byte[512];
    private int size;

    byte[] buffer() {
      return out;
    }

    int size() {
      return size;
    }

    /** Encodes one row; {@code runtimeMillis} is the run's runtime at the row's wall time. */
    void encode(
        long num,
        long step,
        long wallMillis,
        long runtimeMillis,
        HistoryWriter.Key[] keys,
        double[] numbers,
        Object[] objects,
        int n) {
      if (valueEnds.length < n + 3) {
        valueEnds = Arrays.copyOf(valueEnds, n + 3);
      }
      int v = 0;
      for (int i = 0; i < n; i++) {
        Object o = objects[i];
        v = o == null ? ascii(json(numbers[i]), v) : utf8(json(o), v);
        valueEnds[i] = v;
      }
      encodeRow(num, step, wallMillis, runtimeMillis, keys, n, v);
    }

    /**
     * Encodes one row whose values' JSON is already written: value {@code i} is {@code
     * json[starts[i], ends[i])} (the history line's bytes, so each value is formatted once).
     */
    void encode(
        long num,
        long step,
        long wallMillis,
        long runtimeMillis,
        HistoryWriter.Key[] keys,
        byte[] json,
        int[] starts,
        int[] ends,
        int n) {
      if (valueEnds.length < n + 3) {
        valueEnds = Arrays.copyOf(valueEnds, n + 3);
      }
      int v = 0;
      for (int i = 0; i < n; i++) {
        int len = ends[i] - starts[i];
        ensureValues(v + len);
        System.arraycopy(json, starts[i], values, v, len);
        v += len;
        valueEnds[i] = v;
      }
      encodeRow(num, step, wallMillis, runtimeMillis, keys, n, v);
    }

    /** The rest of {@link #encode}: the times after the {@code n} values ending at {@code v}. */
    private void encodeRow(
        long num, long step, long wallMillis, long runtimeMillis, HistoryWriter.Key[] keys, int n, int v) {
      ensureValues(v + 3 * 24);
      v = NumberOutput.outputLong(step, values, v);
      valueEnds[n] = v;
      v = seconds(runtimeMillis, v);
      valueEnds[n + 1] = v;
      v = seconds(wallMillis, v);
      valueEnds[n + 2] = v;

      // sizes first: each item's, then the history's
      int history = 0;
      int start = 0;
      for (int i = 0; i < n + 3; i++) {
        int item = itemSize(name(i, n, keys).length, valueEnds[i] - start);
        history += 1 + varintSize(item) + item;
        start = valueEnds[i];
      }
      int total = 1 + varintSize(num) + 1 + varintSize(history) + history;
      if (out.length < total) {
        out = new byte[Math.max(total, out.length * 2)];
      }
      int at = 0;
      out[at++] = 0x08;
      at = varint(num, at);
      out[at++] = 0x12;
      at = varint(history, at);
      start = 0;
      for (int i = 0; i < n + 3; i++) {
        byte[] name = name(i, n, keys);
        int len = valueEnds[i] - start;
        out[at++] = 0x0A;
        at = varint(itemSize(name.length, len), at);
        out[at++] = 0x0A;
        at = varint(name.length, at);
        System.arraycopy(name, 0, out, at, name.length);
        at += name.length;
        out[at++] = (byte) 0x82;
        out[at++] = 0x01;
        at = varint(len, at);
        System.arraycopy(values, start, out, at, len);
        at += len;
        start = valueEnds[i];
      }
      assert at == total;
      size = at;
    }

    /** As {@link WandbRecords#seconds(long)}, into {@code values} at {@code at} (24 bytes of room). */
    private int seconds(long ms, int at) {
      byte[] b = values;
      if (ms < 0) {
        b[at++] = '-';
        ms = -ms;
      }
      at = NumberOutput.outputLong(ms / 1000, b, at);
      b[at++] = '.';
      int frac = (int) (ms % 1000);
      b[at++] = (byte) ('0' + frac / 100);
      if (frac % 100 != 0) {
        b[at++] = (byte) ('0' + frac / 10 % 10);
        if (frac % 10 != 0) {
          b[at++] = (byte) ('0' + frac % 10);
        }
      }
      return at;
    }

    private byte[] name(int i, int n, HistoryWriter.Key[] keys) {
      if (i < n) {
        return keyBytes.computeIfAbsent(keys[i], k -> utf8(k.name));
      }
      return i == n ? STEP : i == n + 1 ? RUNTIME : TIMESTAMP;
    }

    private static int itemSize(int keyLen, int valueLen) {
      return 1 + varintSize(keyLen) + keyLen + 2 + varintSize(valueLen) + valueLen;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): ASCII, no encoder
    private int ascii(String s, int at) {
      ensureValues(at + s.length());
      s.getBytes(0, s.length(), values, at);
      return at + s.length();
    }

    private int utf8(String s, int at) {
      byte[] b = utf8(s);
      ensureValues(at + b.length);
      System.arraycopy(b, 0, values, at, b.length);
      return at + b.length;
    }

    private void ensureValues(int length) {
      if (values.length < length) {
        values = Arrays.copyOf(values, Math.max(length, values.length * 2));
      }
    }

    private int varint(long v, int at) {
      while ((v & ~0x7FL) != 0) {
        out[at++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out[at++] = (byte) v;
      return at;
    }

    private static int varintSize(long v) {
      int n = 1;
      while ((v & ~0x7FL) != 0) {
        v >>>= 7;
        n++;
      }
      return n;
    }

    private static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
