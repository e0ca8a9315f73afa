package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.wandb.proto.HistoryItem;
import dev.dltrack.tracker.wandb.proto.HistoryRecord;
import dev.dltrack.tracker.wandb.proto.Record;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records a run writes into {@code run-<id>.wandb}, as W&amp;B's SDK writes them. */
class WandbRecordsTest {
  @Test
  void handEncodedHistoryRowsAreTheBytesTheGeneratedClassesWrite() throws Exception {
    HistoryWriter.Key loss = new HistoryWriter.Key("train/loss");
    HistoryWriter.Key odd = new HistoryWriter.Key("ünï/\"q\"");
    HistoryWriter.Key inf = new HistoryWriter.Key("inf");
    HistoryWriter.Key hist = new HistoryWriter.Key("w");
    Histogram h = Histogram.ofBuckets(new double[] {0, 1, 2}, new double[] {3, 4});
    HistoryWriter.Key[] keys = {loss, odd, inf, hist};
    double[] numbers = {0.25, Double.NaN, Double.NEGATIVE_INFINITY, 0};
    Object[] objects = {null, null, null, h};
    WandbRecords.HistoryEncoder e = new WandbRecords.HistoryEncoder();
    e.encode(300, 7, 1_796_572_220_250L, 1500, keys, numbers, objects, 4);
    byte[] mine = Arrays.copyOf(e.buffer(), e.size());

    Record expected =
        Record.newBuilder()
            .setNum(300)
            .setHistory(
                HistoryRecord.newBuilder()
                    .addItem(item("train/loss", "0.25"))
                    .addItem(item("ünï/\"q\"", "NaN"))
                    .addItem(item("inf", "-Infinity"))
                    .addItem(item("w", "{\"_type\":\"histogram\",\"values\":[3,4],\"bins\":[0.0,1.0,2.0]}"))
                    .addItem(item("_step", "7"))
                    .addItem(item("_runtime", "1.5"))
                    .addItem(item("_timestamp", "1796572220.25")))
            .build();
    assertThat(mine).isEqualTo(expected.toByteArray());
    assertThat(Record.parseFrom(mine)).isEqualTo(expected);

    // from the history line's bytes (each value formatted once): the same record
    byte[] line =
        "{\"a\":0.25,\"b\":NaN,\"c\":-Infinity,\"d\":{\"_type\":\"histogram\",\"values\":[3,4],\"bins\":[0.0,1.0,2.0]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String text = new String(line, java.nio.charset.StandardCharsets.UTF_8);
    int[] starts = new int[4];
    int[] ends = new int[4];
    int from = 0;
    for (int i = 0; i < 4; i++) {
      starts[i] = text.indexOf(':', from) + 1;
      ends[i] = i < 3 ? text.indexOf(",\"", starts[i]) : line.length;
      from = ends[i];
    }
    WandbRecords.HistoryEncoder fromLine = new WandbRecords.HistoryEncoder();
    fromLine.encode(300, 7, 1_796_572_220_250L, 1500, keys, line, starts, ends, 4);
    assertThat(Arrays.copyOf(fromLine.buffer(), fromLine.size())).isEqualTo(mine);

    // the buffer is reused: a second, smaller row is encoded whole
    e.encode(1, 8, 1000, 0, new HistoryWriter.Key[] {loss}, new double[] {1}, new Object[1], 1);
    assertThat(Record.parseFrom(Arrays.copyOf(e.buffer(), e.size())).getHistory().getItemList())
        .extracting(HistoryItem::getValueJson)
        .containsExactly("1.0", "8", "0.0", "1.0");
  }

  @Test
  void theRunRecordCarriesTheIdProjectNameStartAndConfigWithRawValues() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.01);
    config.put("epochs", 3);
    config.put("optimizer", "adam");
    config.put("nesterov", true);
    Record r =
        Record.parseFrom(
            WandbRecords.run(2, "ab12cd34", "proj", "", "mnist", "grp", "vm", 1796572219.6245, config));
    assertThat(r.getNum()).isEqualTo(2);
    assertThat(r.getRun().getRunId()).isEqualTo("ab12cd34");
    assertThat(r.getRun().getProject()).isEqualTo("proj");
    assertThat(r.getRun().getDisplayName()).isEqualTo("mnist");
    assertThat(r.getRun().getRunGroup()).isEqualTo("grp");
    assertThat(r.getRun().getStartTime())
        .isEqualTo(Timestamp.newBuilder().setSeconds(1796572219L).setNanos(625_000_000).build());
    assertThat(r.getRun().getConfig().getUpdateList())
        .extracting(c -> c.getKey() + "=" + c.getValueJson())
        .containsExactly("lr=0.01", "epochs=3", "optimizer=\"adam\"", "nesterov=true", "_wandb={}");
  }

  private static HistoryItem item(String key, String json) {
    return HistoryItem.newBuilder().setKey(key).setValueJson(json).build();
  }
}
