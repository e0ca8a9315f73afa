package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.testing.ProjectorTensorBoard;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the library writes for images, PR curves, the Custom Scalars layout and embeddings is what
 * real TensorBoard serves: images decode to the logged size and pixels, PR precision and recall
 * equal ours, the layout lists our charts and its scalars route finds their series, and the
 * projector lists each embedding with its shape, metadata rows and sprite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewDashboardsServedByTensorBoardTest {
  @TempDir static Path root;
  private TensorBoard tb;
  private ProjectorTensorBoard projector;

  private ImageData grid0;
  private ImageData grid1;
  private List<ImageData> batch;
  private PrCurve binary;
  private List<PrCurve> perClass;
  private Layout layout;
  private Embedding labelled;
  private Embedding table;

  @BeforeAll
  void writeARunAndServeIt() throws Exception {
    TensorBoard
        .script(); // skip (or fail under CI) before writing anything when TensorBoard is absent
    SplittableRandom r = new SplittableRandom(7);
    float[][] weights = new float[64][784];
    for (float[] w : weights) {
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) r.nextGaussian() * 0.05f;
      }
    }
    PixelRange range = PixelRange.symmetric(0.25);
    grid0 = ImageData.grid(ImageData.tiles(weights, 28, 28, range), 8);
    weights[0][0] = 0.25f;
    grid1 = ImageData.grid(ImageData.tiles(weights, 28, 28, range), 8);
    batch = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      float[][][] px = new float[5][7][3];
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++) {
          px[y][x] = new float[] {y / 4f, x / 6f, k / 2f};
        }
      }
      batch.add(ImageData.of(px, PixelRange.UNIT));
    }
    boolean[] labels = new boolean[1000];
    float[] probs = new float[1000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextBoolean();
      probs[i] =
          (float) Math.min(1, Math.max(0, (labels[i] ? 0.65 : 0.35) + 0.25 * r.nextGaussian()));
    }
    binary = PrCurve.of(labels, probs);
    int[] classes = new int[600];
    float[][] softmax = new float[600][3];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = r.nextInt(3);
      float[] p = new float[3];
      float sum = 0;
      for (int c = 0; c < 3; c++) {
        p[c] = (float) Math.exp((c == classes[i] ? 1.5 : 0) + r.nextGaussian());
        sum += p[c];
      }
      for (int c = 0; c < 3; c++) {
        softmax[i][c] = Math.min(1f, p[c] / sum);
      }
    }
    perClass = PrCurve.perClass(classes, softmax, 51);
    layout =
        Layout.builder()
            .category("loss", Layout.multiline("train vs validation", "train/loss$", "val/loss$"))
            .category(
                "accuracy",
                Layout.margin(
                    "validation with bounds",
                    new Layout.MarginSeries("val/acc", "val/acc_lo", "val/acc_hi")))
            .build();
    float[][] vectors = new float[50][4];
    List<String> names = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<ImageData> sprites = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      for (int j = 0; j < 4; j++) {
        vectors[i][j] = (float) r.nextGaussian();
      }
      names.add("class " + i % 5);
      rows.add(List.of("c" + i % 5, Integer.toString(i)));
      byte[][] sprite = new byte[6][4];
      for (byte[] row : sprite) {
        java.util.Arrays.fill(row, (byte) (i * 5));
      }
      sprites.add(ImageData.grey(sprite));
    }
    labelled = Embedding.of(vectors).withLabels(names).withSprites(sprites);
    table = Embedding.of(vectors).withMetadata(List.of("class", "index"), rows);

    try (Run run = Run.builder("media").logRoot(root).formats("tensorboard").open()) {
      run.image("weights/layer0", 0, grid0);
      run.image("weights/layer0", 1, grid1);
      run.images("samples", 0, batch);
      run.prCurve("pr/binary", 3, labels, probs);
      run.prCurves("pr/class", 3, classes, softmax, List.of("a", "b", "c"), 51);
      run.layout(layout);
      for (int s = 0; s < 5; s++) {
        run.scalar("train/loss", s, 1.0 / (s + 1));
        run.scalar("val/loss", s, 1.2 / (s + 1));
        run.scalar("val/acc", s, 0.5 + s * 0.1);
        run.scalar("val/acc_lo", s, 0.45 + s * 0.1);
        run.scalar("val/acc_hi", s, 0.55 + s * 0.1);
      }
      run.embedding("penultimate", 0, labelled);
      run.embedding("penultimate", 9, table);
      // its sprites again after step 9's table, then its labels and sprites again: written once
      run.embedding("penultimate", 12, labelled);
      run.embedding("penultimate", 15, labelled);
    }
    TfeventsCheck.assertSound(root);
    tb = TensorBoard.serve(root);
    projector = ProjectorTensorBoard.serve(root);
  }

  @AfterAll
  void stop() {
    if (tb != null) {
      tb.close();
    }
    if (projector != null) {
      projector.close();
    }
  }

  @Test
  void imagesDecodeToTheLoggedSizeAndPixels() throws Exception {
    JsonNode tags = tb.get("/data/plugin/images/tags");
    assertThat(tags.path("media").path("weights/layer0").path("samples").asInt()).isEqualTo(1);
    assertThat(tags.path("media").path("samples").path("samples").asInt()).isEqualTo(3);

    JsonNode series =
        tb.get(
            "/data/plugin/images/images", "run", "media", "tag", "weights/layer0", "sample", "0");
    assertThat(series).hasSize(2);
    assertThat(series.get(0).get("step").asLong()).isZero();
    assertThat(served(series.get(0))).isEqualTo(grid0);
    assertThat(served(series.get(1))).isEqualTo(grid1);
    assertThat(grid0.height()).isEqualTo(8 * 30 + 2);
    assertThat(grid0.channels()).isEqualTo(1);

    for (int k = 0; k < 3; k++) {
      JsonNode s =
          tb.get(
              "/data/plugin/images/images",
              "run",
              "media",
              "tag",
              "samples",
              "sample",
              Integer.toString(k));
      assertThat(served(s.get(0))).as("sample %s", k).isEqualTo(batch.get(k));
    }
  }

  private ImageData served(JsonNode point) throws Exception {
    return ImageData.fromPng(
        tb.bytes("/data/plugin/images/individualImage?" + point.get("query").asText()));
  }

  @Test
  void prCurvePrecisionAndRecallEqualOurs() {
    JsonNode tags = tb.get("/data/plugin/pr_curves/tags");
    assertThat(tags.path("media").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("pr/binary", "pr/class/a", "pr/class/b", "pr/class/c");
    assertServedCurve("pr/binary", binary, 127);
    for (int c = 0; c < 3; c++) {
      assertServedCurve("pr/class/" + "abc".charAt(c), perClass.get(c), 51);
    }
  }

  private void assertServedCurve(String tag, PrCurve ours, int thresholds) {
    JsonNode entry =
        tb.get("/data/plugin/pr_curves/pr_curves", "run", "media", "tag", tag).get("media").get(0);
    assertThat(entry.get("step").asLong()).isEqualTo(3);
    JsonNode precision = entry.get("precision");
    JsonNode recall = entry.get("recall");
    // TensorBoard drops the tail of thresholds where nothing is predicted positive
    assertThat(entry.get("thresholds")).hasSize(precision.size());
    assertThat(entry.get("thresholds").get(1).asDouble())
        .isCloseTo(1.0 / (thresholds - 1), within(1e-12));
    double[] p = ours.precision();
    double[] rc = ours.recall();
    assertThat(precision.size()).isGreaterThan(1).isLessThanOrEqualTo(thresholds);
    for (int i = 0; i < precision.size(); i++) {
      assertThat(precision.get(i).asDouble())
          .as("%s precision at %s", tag, i)
          .isEqualTo((float) p[i], within(1e-7));
      assertThat(recall.get(i).asDouble())
          .as("%s recall at %s", tag, i)
          .isEqualTo((float) rc[i], within(1e-7));
    }
    double[] tp = ours.truePositives();
    assertThat(entry.get("true_positives").get(0).asDouble()).isEqualTo(tp[0]);
  }

  @Test
  void layoutListsOurChartsAndItsScalarsRouteFindsTheirSeries() {
    JsonNode served = tb.get("/data/plugin/custom_scalars/layout");
    JsonNode categories = served.get("category");
    assertThat(categories).hasSize(2);
    assertThat(categories.get(0).get("title").asText()).isEqualTo("loss");
    JsonNode chart = categories.get(0).get("chart").get(0);
    assertThat(chart.get("title").asText()).isEqualTo("train vs validation");
    assertThat(chart.get("multiline").get("tag"))
        .extracting(JsonNode::asText)
        .containsExactly("train/loss$", "val/loss$");
    JsonNode margin = categories.get(1).get("chart").get(0).get("margin").get("series").get(0);
    assertThat(margin.get("value").asText()).isEqualTo("val/acc");
    assertThat(margin.get("lower").asText()).isEqualTo("val/acc_lo");
    assertThat(margin.get("upper").asText()).isEqualTo("val/acc_hi");

    JsonNode scalars =
        tb.get("/data/plugin/custom_scalars/scalars", "run", "media", "tag", "val/loss$");
    assertThat(scalars.get("regex_valid").asBoolean()).isTrue();
    JsonNode events = scalars.get("tag_to_events").get("val/loss");
    assertThat(events).hasSize(5);
    assertThat(events.get(4).get(2).asDouble()).isCloseTo(1.2 / 5, within(1e-6));
  }

  @Test
  void projectorListsEachEmbeddingWithShapeMetadataAndSprite() throws Exception {
    assertThat(projector.get("/data/plugin/projector/runs"))
        .extracting(JsonNode::asText)
        .contains("media");
    JsonNode info = projector.get("/data/plugin/projector/info", "run", "media");
    JsonNode embeddings = info.get("embeddings");
    assertThat(embeddings).hasSize(4);
    assertThat(embeddings)
        .extracting(e -> e.get("tensorName").asText())
        .containsExactly(
            "penultimate:00000", "penultimate:00009", "penultimate:00012", "penultimate:00015");
    for (JsonNode e : embeddings) {
      assertThat(e.get("tensorShape")).extracting(JsonNode::asInt).containsExactly(50, 4);
    }

    byte[] tensor =
        projector.bytes(
            "/data/plugin/projector/tensor", "run", "media", "name", "penultimate:00000");
    assertThat(tensor).hasSize(50 * 4 * 4);
    ByteBuffer b = ByteBuffer.wrap(tensor).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 50; i++) {
      assertThat(b.getFloat(i * 16 + 12)).isEqualTo(labelled.vector(i)[3]);
    }

    String labels =
        projector.text(
            "/data/plugin/projector/metadata", "run", "media", "name", "penultimate:00000");
    assertThat(labels.split("\n")).hasSize(50).startsWith("class 0", "class 1");
    String rows =
        projector.text(
            "/data/plugin/projector/metadata", "run", "media", "name", "penultimate:00009");
    assertThat(rows.split("\n")).hasSize(51).startsWith("class\tindex", "c0\t0");

    JsonNode sprite = embeddings.get(0).get("sprite");
    assertThat(sprite.get("singleImageDim")).extracting(JsonNode::asInt).containsExactly(4, 6);
    ImageData sheet =
        ImageData.fromPng(
            projector.bytes(
                "/data/plugin/projector/sprite_image",
                "run",
                "media",
                "name",
                "penultimate:00000"));
    assertThat(sheet.width()).isEqualTo(8 * 4); // ceil(sqrt(50)) = 8 sprites a row
    assertThat(sheet.level(6 * 1 + 2, 4 * 3 + 1, 0)).as("sprite 11").isEqualTo(11 * 5);
    assertThat(embeddings.get(1).has("sprite")).isFalse();

    // logged again with the same labels and sprites: served from the files written first
    for (String name : List.of("penultimate:00012", "penultimate:00015")) {
      assertThat(projector.text("/data/plugin/projector/metadata", "run", "media", "name", name))
          .isEqualTo(labels);
      assertThat(
              projector.bytes("/data/plugin/projector/sprite_image", "run", "media", "name", name))
          .isEqualTo(sheet.png());
    }
    assertThat(root.resolve("media/projector/penultimate/00012"))
        .isDirectoryNotContaining("glob:**.png");
    assertThat(root.resolve("media/projector/penultimate/00015"))
        .isDirectoryNotContaining("glob:**.png")
        .isDirectoryNotContaining("glob:**metadata.tsv");
  }

  @Test
  void ourReaderReadsBackWhatTensorBoardServes() throws Exception {
    var log = LogRoot.read(root).run("media").orElseThrow();
    assertThat(log.warnings()).isEmpty();
    assertThat(log.images("weights/layer0"))
        .extracting(p -> p.image())
        .containsExactly(grid0, grid1);
    assertThat(log.images("samples").get(0).images()).isEqualTo(batch);
    assertThat(log.layout()).contains(layout);
    assertThat(log.prCurves("pr/class/b").get(0).curve().truePositives())
        .isEqualTo(perClass.get(1).truePositives());
    assertThat(log.embeddings("penultimate"))
        .extracting(p -> p.embedding())
        .containsExactly(labelled, table, labelled, labelled);
    assertThat(Files.exists(root.resolve("media/projector_config.pbtxt"))).isTrue();
  }
}
