package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.proto.Category;
import dev.dltrack.tracker.tensorboard.proto.Chart;
import dev.dltrack.tracker.tensorboard.proto.EmbeddingInfo;
import dev.dltrack.tracker.tensorboard.proto.MarginChartContent;
import dev.dltrack.tracker.tensorboard.proto.ProjectorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;

/**
 * Reads back images, PR curves, the Custom Scalars layout and the projector's embeddings, in the
 * forms TensorBoard's and tensorboardX's writers use: images as the {@code images} plugin's string
 * tensor or the legacy {@code Summary.Image}; PR curves as the {@code [6, thresholds]} tensor; the
 * layout as a serialized {@code Layout}; embeddings from {@code projector_config.pbtxt} with
 * tensors in tab-separated or raw float32 files.
 */
final class MediaDecoder {
  private MediaDecoder() {}

  /** The images plugin's tensor: width, height, then one encoded image per sample. */
  static void images(String tag, long step, double wallTime, TensorProto t, RunLog.Builder run)
      throws IOException {
    List<ImageData> images = new ArrayList<>();
    for (int i = 2; i < t.getStringValCount(); i++) {
      images.add(ImageData.fromPng(t.getStringVal(i).toByteArray()));
    }
    if (!images.isEmpty()) {
      run.image(tag, new ImagePoint(step, wallTime, images));
    }
  }

  /** A legacy {@code Summary.Image} (what tensorboardX writes). */
  static void legacyImage(
      String tag, long step, double wallTime, Summary.Image img, RunLog.Builder run)
      throws IOException {
    run.image(
        tag,
        ImagePoint.of(
            step, wallTime, ImageData.fromPng(img.getEncodedImageString().toByteArray())));
  }

  /** The {@code [6, thresholds]} tensor: TP, FP, TN, FN, precision, recall. */
  static void prCurve(String tag, long step, double wallTime, double[] values, RunLog.Builder run) {
    int n = values.length / 6;
    if (n < 2 || values.length != 6 * n) {
      run.warning(
          "PR curve '"
              + tag
              + "' at step "
              + step
              + " has "
              + values.length
              + " values, not 6 x thresholds; skipped");
      return;
    }
    double[][] rows = new double[6][];
    for (int r = 0; r < 6; r++) {
      rows[r] = Arrays.copyOfRange(values, r * n, (r + 1) * n);
    }
    run.prCurve(
        tag,
        new PrCurvePoint(
            step,
            wallTime,
            PrCurve.ofStored(rows[0], rows[1], rows[2], rows[3], rows[4], rows[5])));
  }

  /** The serialized {@code Layout} in a rank-0 string tensor. */
  static void layout(TensorProto t, RunLog.Builder run) throws IOException {
    if (t.getStringValCount() == 0) {
      return;
    }
    var proto = dev.dltrack.tracker.tensorboard.proto.Layout.parseFrom(t.getStringVal(0));
    List<Layout.Category> categories = new ArrayList<>();
    for (Category c : proto.getCategoryList()) {
      List<Layout.Chart> charts = new ArrayList<>();
      for (Chart ch : c.getChartList()) {
        switch (ch.getContentCase()) {
          case MULTILINE ->
              charts.add(new Layout.Multiline(ch.getTitle(), ch.getMultiline().getTagList()));
          case MARGIN -> {
            List<Layout.MarginSeries> series = new ArrayList<>();
            for (MarginChartContent.Series s : ch.getMargin().getSeriesList()) {
              series.add(new Layout.MarginSeries(s.getValue(), s.getLower(), s.getUpper()));
            }
            charts.add(new Layout.Margin(ch.getTitle(), series));
          }
          default -> {
            // a chart without content draws nothing
          }
        }
      }
      categories.add(new Layout.Category(c.getTitle(), charts, c.getClosed()));
    }
    run.layout(new Layout(categories));
  }

  /** The embeddings listed in the run's {@code projector_config.pbtxt}, if it has one. */
  static void embeddings(Path runDir, RunLog.Builder run) throws IOException {
    if (!Files.exists(runDir.resolve(ProjectorFiles.CONFIG))) {
      return;
    }
    ProjectorConfig config;
    try {
      config = ProjectorFiles.read(runDir);
    } catch (IOException e) {
      // the event files are still worth reading: say what is wrong and go on without embeddings
      run.warning(e.getMessage() + "; its embeddings are not read");
      return;
    }
    List<String[]> named = new ArrayList<>();
    List<EmbeddingPoint> points = new ArrayList<>();
    for (EmbeddingInfo info : config.getEmbeddingsList()) {
      if (info.getTensorPath().isEmpty()) {
        run.warning(
            ProjectorFiles.CONFIG
                + ": embedding '"
                + info.getTensorName()
                + "' lives in a TensorFlow checkpoint, which this reader does not read; skipped");
        continue;
      }
      try {
        String[] tagStep = tagAndStep(info);
        points.add(new EmbeddingPoint(Long.parseLong(tagStep[1]), embedding(runDir, info)));
        named.add(tagStep);
      } catch (IOException | IllegalArgumentException e) {
        run.warning(
            ProjectorFiles.CONFIG
                + ": embedding '"
                + info.getTensorName()
                + "' is unreadable ("
                + e.getMessage()
                + "); skipped");
      }
    }
    // in step order per tag, as the other kinds are in logged order
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(points.get(a).step(), points.get(b).step()));
    for (int i : order) {
      run.embedding(named.get(i)[0], points.get(i));
    }
  }

  /** {@code <tag>:<step>} as tensorboardX and this library name tensors; else the name, step 0. */
  private static String[] tagAndStep(EmbeddingInfo info) {
    String name = info.getTensorName().isEmpty() ? info.getTensorPath() : info.getTensorName();
    int colon = name.lastIndexOf(':');
    if (colon > 0
        && name.substring(colon + 1).chars().allMatch(Character::isDigit)
        && colon + 1 < name.length()) {
      return new String[] {
        name.substring(0, colon), Long.toString(Long.parseLong(name.substring(colon + 1)))
      };
    }
    return new String[] {name, "0"};
  }

  private static Embedding embedding(Path runDir, EmbeddingInfo info) throws IOException {
    float[][] vectors = tensor(runDir.resolve(info.getTensorPath()), info.getTensorShapeList());
    Embedding e = Embedding.of(vectors);
    if (!info.getMetadataPath().isEmpty()) {
      List<String> lines =
          Files.readAllLines(runDir.resolve(info.getMetadataPath()), StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).indexOf('\t') >= 0) {
        // a header line, as TensorBoard decides: the first line holds a tab
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
          rows.add(List.of(l.split("\t", -1)));
        }
        e = e.withMetadata(header, rows);
      } else {
        e = e.withLabels(lines);
      }
    }
    if (info.hasSprite() && !info.getSprite().getImagePath().isEmpty()) {
      ImageData sheet =
          ImageData.fromPng(Files.readAllBytes(runDir.resolve(info.getSprite().getImagePath())));
      List<Integer> dim = info.getSprite().getSingleImageDimList();
      if (dim.size() != 2) {
        throw new IOException("sprite single_image_dim must be [width, height]: " + dim);
      }
      e = e.withSprites(split(sheet, dim.get(0), dim.get(1), vectors.length));
    }
    return e.check();
  }

  /**
   * A tab-separated tensor file, or raw little-endian float32 of {@code shape}, as TensorBoard
   * tries them.
   */
  private static float[][] tensor(Path file, List<Integer> shape) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      List<float[]> rows = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new StringReader(text))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isEmpty()) {
            continue;
          }
          String[] cells = line.split("\t", -1);
          float[] v = new float[cells.length];
          for (int j = 0; j < cells.length; j++) {
            v[j] = Float.parseFloat(cells[j]);
          }
          rows.add(v);
        }
      }
      return rows.toArray(new float[0][]);
    } catch (CharacterCodingException | NumberFormatException notText) {
      if (shape.size() != 2) {
        throw new IOException(file + " is binary but tensor_shape is not 2-D: " + shape);
      }
      int n = shape.get(0);
      int d = shape.get(1);
      if ((long) n * d * 4 != bytes.length) {
        throw new IOException(
            file + " holds " + bytes.length + " bytes, not " + n + "x" + d + " float32");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      float[][] out = new float[n][d];
      for (float[] row : out) {
        b.asFloatBuffer().get(row);
        b.position(b.position() + 4 * d);
      }
      return out;
    }
  }

  /** The first {@code n} images of a sprite sheet, row by row. */
  private static List<ImageData> split(ImageData sheet, int w, int h, int n) throws IOException {
    int perRow = sheet.width() / w;
    if (perRow == 0 || (long) ((n + perRow - 1) / perRow) * h > sheet.height()) {
      throw new IOException(
          "a " + sheet.describe() + " sprite sheet cannot hold " + n + " images of " + w + "x" + h);
    }
    byte[] px = sheet.pixels();
    int c = sheet.channels();
    List<ImageData> out = new ArrayList<>(n);
    byte[] tile = new byte[w * h * c];
    for (int i = 0; i < n; i++) {
      int x0 = (i % perRow) * w;
      int y0 = (i / perRow) * h;
      for (int y = 0; y < h; y++) {
        System.arraycopy(px, ((y0 + y) * sheet.width() + x0) * c, tile, y * w * c, w * c);
      }
      out.add(ImageData.ofBytes(h, w, c, tile));
    }
    return out;
  }
}
