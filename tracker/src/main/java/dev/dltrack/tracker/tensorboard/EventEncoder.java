package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.dltrack.tracker.Histogram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns logged values into {@code tensorflow.Event}s, with no I/O. Scalars, by far the most
 * frequent record, have a hand-written encoder that writes the same bytes as protobuf's generated
 * code without building messages; everything else goes through the generated classes.
 */
final class EventEncoder {
  static final String TEXT_PLUGIN = "text";

  private static final int EVENT_WALL_TIME = Event.WALL_TIME_FIELD_NUMBER;
  private static final int EVENT_STEP = Event.STEP_FIELD_NUMBER;
  private static final int EVENT_SUMMARY = Event.SUMMARY_FIELD_NUMBER;
  private static final int SUMMARY_VALUE = Summary.VALUE_FIELD_NUMBER;
  private static final int VALUE_TAG = Summary.Value.TAG_FIELD_NUMBER;
  private static final int VALUE_SIMPLE_VALUE = Summary.Value.SIMPLE_VALUE_FIELD_NUMBER;

  private EventEncoder() {}

  /** The UTF-8 bytes of a tag, for {@link #scalarSize} and {@link #encodeScalar}. */
  static byte[] tagBytes(String tag) {
    return tag.getBytes(StandardCharsets.UTF_8);
  }

  private static int scalarValueSize(byte[] tag) {
    return CodedOutputStream.computeTagSize(VALUE_TAG)
        + CodedOutputStream.computeUInt32SizeNoTag(tag.length)
        + tag.length
        + CodedOutputStream.computeFloatSize(VALUE_SIMPLE_VALUE, 0f);
  }

  private static int scalarSummarySize(byte[] tag) {
    int value = scalarValueSize(tag);
    return CodedOutputStream.computeTagSize(SUMMARY_VALUE)
        + CodedOutputStream.computeUInt32SizeNoTag(value)
        + value;
  }

  /** The encoded size of a scalar event, as {@code Event.getSerializedSize()} computes it. */
  static int scalarSize(byte[] tag, long step) {
    int summary = scalarSummarySize(tag);
    return CodedOutputStream.computeDoubleSize(EVENT_WALL_TIME, 0)
        + (step != 0 ? CodedOutputStream.computeInt64Size(EVENT_STEP, step) : 0)
        + CodedOutputStream.computeTagSize(EVENT_SUMMARY)
        + CodedOutputStream.computeUInt32SizeNoTag(summary)
        + summary;
  }

  /**
   * Encodes {@code Event{wall_time, step, summary{value{tag, simple_value}}}} into {@code buf} at
   * {@code off}, exactly {@link #scalarSize} bytes. The value is stored as float32, as TensorBoard
   * stores scalars.
   */
  static void encodeScalar(
      byte[] buf, int off, int len, byte[] tag, long step, double wallTime, double value)
      throws IOException {
    CodedOutputStream out = CodedOutputStream.newInstance(buf, off, len);
    out.writeDouble(EVENT_WALL_TIME, wallTime);
    if (step != 0) {
      out.writeInt64(EVENT_STEP, step);
    }
    out.writeTag(EVENT_SUMMARY, 2);
    out.writeUInt32NoTag(scalarSummarySize(tag));
    out.writeTag(SUMMARY_VALUE, 2);
    out.writeUInt32NoTag(scalarValueSize(tag));
    out.writeTag(VALUE_TAG, 2);
    out.writeUInt32NoTag(tag.length);
    out.writeRawBytes(tag);
    out.writeFloat(VALUE_SIMPLE_VALUE, (float) value);
    out.checkNoSpaceLeft();
  }

  /** The same scalar event through the generated classes; the reference for the fast path. */
  static Event scalar(String tag, long step, double wallTime, double value) {
    return event(
        step,
        wallTime,
        Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build());
  }

  /**
   * A histogram as TensorBoard's legacy {@code HistogramProto}: exact min, max, count, sum and
   * sum of squares, and each bucket's right edge. TensorBoard turns it into buckets whose outer
   * edges are min and max, so the first bucket's left edge needs no field of its own.
   */
  static Event histogram(String tag, long step, double wallTime, Histogram h) {
    HistogramProto.Builder p =
        HistogramProto.newBuilder()
            .setMin(h.min())
            .setMax(h.max())
            .setNum(h.count())
            .setSum(h.sum())
            .setSumSquares(h.sumOfSquares());
    for (int i = 0; i < h.bucketCount(); i++) {
      p.addBucketLimit(h.edge(i + 1));
      p.addBucket(h.bucketCount(i));
    }
    return event(step, wallTime, Summary.Value.newBuilder().setTag(tag).setHisto(p).build());
  }

  /** A markdown text: a rank-0 string tensor with the {@code text} plugin's metadata. */
  static Event text(String tag, long step, double wallTime, String markdown) {
    TensorProto tensor =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_STRING)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addStringVal(ByteString.copyFromUtf8(markdown))
            .build();
    return event(
        step,
        wallTime,
        Summary.Value.newBuilder()
            .setTag(tag)
            .setMetadata(pluginMetadata(TEXT_PLUGIN, ByteString.EMPTY))
            .setTensor(tensor)
            .build());
  }

  static SummaryMetadata pluginMetadata(String plugin, ByteString content) {
    return SummaryMetadata.newBuilder()
        .setPluginData(
            SummaryMetadata.PluginData.newBuilder().setPluginName(plugin).setContent(content))
        .build();
  }

  static Event event(long step, double wallTime, Summary.Value value) {
    return Event.newBuilder()
        .setWallTime(wallTime)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(value))
        .build();
  }
}
