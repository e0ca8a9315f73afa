package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.ByteString;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.tensorboard.proto.Category;
import dev.dltrack.tracker.tensorboard.proto.Chart;
import dev.dltrack.tracker.tensorboard.proto.ImagePluginData;
import dev.dltrack.tracker.tensorboard.proto.MarginChartContent;
import dev.dltrack.tracker.tensorboard.proto.MultilineChartContent;
import dev.dltrack.tracker.tensorboard.proto.PrCurvePluginData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Events for images, PR curves and the Custom Scalars layout, in the forms TensorBoard's own
 * summary code writes; no I/O.
 */
final class MediaEncoder {
  static final String IMAGES_PLUGIN = "images";
  static final String PR_CURVES_PLUGIN = "pr_curves";
  static final String CUSTOM_SCALARS_PLUGIN = "custom_scalars";

  /** The tag TensorBoard's custom_scalars summary writes its layout under. */
  static final String LAYOUT_TAG = "custom_scalars__config__";

  private MediaEncoder() {}

  /**
   * Images as {@code tf.summary.image} (summary v2) writes them: a string tensor of shape {@code [2
   * + k]} holding the width and height as decimal strings, then the k PNGs, with the {@code images}
   * plugin's metadata.
   */
  static Event images(String tag, long step, double wallTime, List<ImageData> images) {
    ImageData first = images.get(0);
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_STRING)
            .setTensorShape(shape(images.size() + 2))
            .addStringVal(
                ByteString.copyFrom(Integer.toString(first.width()), StandardCharsets.US_ASCII))
            .addStringVal(
                ByteString.copyFrom(Integer.toString(first.height()), StandardCharsets.US_ASCII));
    for (ImageData im : images) {
      t.addStringVal(ByteString.copyFrom(im.png()));
    }
    return EventEncoder.event(
        step,
        wallTime,
        Summary.Value.newBuilder()
            .setTag(tag)
            .setMetadata(
                EventEncoder.pluginMetadata(
                    IMAGES_PLUGIN,
                    ImagePluginData.newBuilder().setVersion(0).build().toByteString()))
            .setTensor(t)
            .build());
  }

  /**
   * A PR curve as TensorBoard's {@code pr_curve} summary writes it: a float32 tensor of shape
   * {@code [6, thresholds]} whose rows are TP, FP, TN, FN, precision and recall, with the number of
   * thresholds in the plugin data.
   */
  static Event prCurve(String tag, long step, double wallTime, PrCurve curve) {
    int n = curve.thresholds();
    ByteBuffer content = ByteBuffer.allocate(6 * n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] row :
        List.of(
            curve.truePositives(),
            curve.falsePositives(),
            curve.trueNegatives(),
            curve.falseNegatives(),
            curve.precision(),
            curve.recall())) {
      for (double v : row) {
        content.putFloat((float) v);
      }
    }
    content.flip();
    TensorProto tensor =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setTensorShape(shape(6, n))
            .setTensorContent(ByteString.copyFrom(content))
            .build();
    return EventEncoder.event(
        step,
        wallTime,
        Summary.Value.newBuilder()
            .setTag(tag)
            .setMetadata(
                EventEncoder.pluginMetadata(
                    PR_CURVES_PLUGIN,
                    PrCurvePluginData.newBuilder()
                        .setVersion(0)
                        .setNumThresholds(n)
                        .build()
                        .toByteString()))
            .setTensor(tensor)
            .build());
  }

  /**
   * The layout as TensorBoard's {@code custom_scalar} summary writes it: the serialized {@code
   * Layout} as a rank-0 string tensor under {@value #LAYOUT_TAG}, at step 0.
   */
  static Event layout(Layout layout, double wallTime) {
    TensorProto tensor =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_STRING)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addStringVal(toProto(layout).toByteString())
            .build();
    return EventEncoder.event(
        0,
        wallTime,
        Summary.Value.newBuilder()
            .setTag(LAYOUT_TAG)
            .setMetadata(EventEncoder.pluginMetadata(CUSTOM_SCALARS_PLUGIN, ByteString.EMPTY))
            .setTensor(tensor)
            .build());
  }

  static dev.dltrack.tracker.tensorboard.proto.Layout toProto(Layout layout) {
    var b = dev.dltrack.tracker.tensorboard.proto.Layout.newBuilder().setVersion(0);
    for (Layout.Category c : layout.categories()) {
      Category.Builder cat = Category.newBuilder().setTitle(c.title()).setClosed(c.closed());
      for (Layout.Chart chart : c.charts()) {
        Chart.Builder ch = Chart.newBuilder().setTitle(chart.title());
        if (chart instanceof Layout.Multiline m) {
          ch.setMultiline(MultilineChartContent.newBuilder().addAllTag(m.tagRegexes()));
        } else if (chart instanceof Layout.Margin m) {
          MarginChartContent.Builder mc = MarginChartContent.newBuilder();
          for (Layout.MarginSeries s : m.series()) {
            mc.addSeries(
                MarginChartContent.Series.newBuilder()
                    .setValue(s.value())
                    .setLower(s.lower())
                    .setUpper(s.upper()));
          }
          ch.setMargin(mc);
        }
        cat.addChart(ch);
      }
      b.addCategory(cat);
    }
    return b.build();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return s.build();
  }
}
