package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.ProjectorTensorBoard;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.init.InitContext;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A short sweep (three schemes that look apart: zeros, U[0,1] and He normal; two epochs on a small
 * data set) served by real TensorBoard: every dashboard shows what the runs logged. The weight
 * images decode to the logged size and pixels, the PR curves' precision and recall are ours, the
 * layout lists the study's charts and its scalars route returns their series, and the projector
 * lists each embedding with its shape, class names and sprites.
 */
class SweepServedByTensorBoardTest {
  static final List<String> SCHEMES = List.of("zeros", "uniform", "he-normal");
  static final int EPOCHS = 2;

  /** 1,000 train images in batches of 100: 10 iterations an epoch. */
  static final int BATCH = 100;

  static final List<Long> EPOCH_ENDS = List.of(10L, 20L);

  @TempDir static Path dataDir;
  @TempDir static Path logs;
  static FashionMnistSplits data;
  static List<RunResult> results;
  static LogRoot root;
  static TensorBoard tb;
  static ProjectorTensorBoard projector;

  @BeforeAll
  static void sweepAndServe() throws Exception {
    // 1,000 test images: the embedding's full size
    IdxFixtures.writeDataset(dataDir, 1100, StudyRun.EMBEDDING_SIZE);
    TensorBoard.script(); // skip (or fail under CI) before training when TensorBoard is absent
    data = FashionMnistSplits.split(FashionMnistLoader.standard().load(dataDir), 100, 42);
    Sweep sweep =
        Sweep.of(
            SCHEMES.stream().map(InitScheme::byName).toList(), 1, EPOCHS, BATCH, 1e-3, logs, 2);
    results = sweep.run(data, true, SweepProgress.NONE);
    TfeventsCheck.assertSound(logs);
    root = LogRoot.read(logs);
    tb = TensorBoardAgreement.serveAll(logs);
    projector = ProjectorTensorBoard.serve(logs);
  }

  @AfterAll
  static void stopTensorBoard() {
    if (tb != null) {
      tb.close();
    }
    if (projector != null) {
      projector.close();
    }
  }

  @Test
  void everyRunSucceeded() {
    assertThat(results).extracting(RunResult::status).containsOnly(RunStatus.SUCCESS);
  }

  @Test
  void scalarsHistogramsDistributionsTextAndHParamsAreServedAsTheReaderReadsThem() {
    TensorBoardAgreement.assertAgrees(tb, root);
  }

  private static ImageData served(JsonNode point) throws Exception {
    return ImageData.fromPng(
        tb.bytes("/data/plugin/images/individualImage?" + point.get("query").asText()));
  }

  @Test
  void firstLayerWeightsAreServedAsAGridBeforeTrainingAndAfterEveryEpoch() throws Exception {
    JsonNode tags = tb.get("/data/plugin/images/tags");
    for (String scheme : SCHEMES) {
      assertThat(tags.path(scheme).has("layer0/W/tiles")).as("weight image of %s", scheme).isTrue();
      JsonNode series =
          tb.get(
              "/data/plugin/images/images", "run", scheme, "tag", "layer0/W/tiles", "sample", "0");
      assertThat(series).extracting(p -> p.get("step").asLong()).containsExactly(0L, 10L, 20L);
      List<ImagePoint> ours = root.run(scheme).orElseThrow().images("layer0/W/tiles");
      for (int i = 0; i < series.size(); i++) {
        ImageData image = served(series.get(i));
        // 64 tiles of 28x28 in 8 columns, 2 pixels of padding around and between them
        assertThat(image.width()).isEqualTo(8 * 30 + 2);
        assertThat(image.height()).isEqualTo(8 * 30 + 2);
        assertThat(image).isEqualTo(ours.get(i).image());
      }
    }
  }

  /**
   * The level of weight row {@code i} of unit {@code u} in the grid: tile u is at row u/8, column
   * u%8.
   */
  private static int level(ImageData grid, int unit, int input) {
    int y = 2 + (unit / 8) * 30 + input / 28;
    int x = 2 + (unit % 8) * 30 + input % 28;
    return grid.level(y, x, 0);
  }

  @Test
  void beforeTrainingTheWeightImagesShowEachSchemeOnAScaleThatKeepsZeroMidGrey() throws Exception {
    ImageData zeros =
        served(
            tb.get(
                    "/data/plugin/images/images",
                    "run",
                    "zeros",
                    "tag",
                    "layer0/W/tiles",
                    "sample",
                    "0")
                .get(0));
    ImageData uniform =
        served(
            tb.get(
                    "/data/plugin/images/images",
                    "run",
                    "uniform",
                    "tag",
                    "layer0/W/tiles",
                    "sample",
                    "0")
                .get(0));
    ImageData he =
        served(
            tb.get(
                    "/data/plugin/images/images",
                    "run",
                    "he-normal",
                    "tag",
                    "layer0/W/tiles",
                    "sample",
                    "0")
                .get(0));
    // the network as the run built it: same seed, same scheme
    Nd4j.getRandom().setSeed(1);
    MultiLayerNetwork net = StudyModel.build(1, 1e-3);
    InitScheme.byName("he-normal")
        .apply(net, InitContext.withBatch(1, data.train().first(StudyRun.PROBE_SIZE).features()));
    float[][] w = net.getLayer(0).getParam("W").toFloatMatrix(); // [784][256]
    double max = 0;
    for (float[] row : w) {
      for (int u = 0; u < 64; u++) {
        max = Math.max(max, Math.abs(row[u]));
      }
    }
    int below = 0;
    int above = 0;
    for (int u = 0; u < 64; u++) {
      for (int i = 0; i < 784; i++) {
        assertThat(level(zeros, u, i)).as("zeros: unit %d input %d", u, i).isEqualTo(128);
        assertThat(level(uniform, u, i))
            .as("U[0,1]: unit %d input %d", u, i)
            .isGreaterThanOrEqualTo(128);
        int expected = (int) Math.round((w[i][u] + max) / (2 * max) * 255);
        assertThat(level(he, u, i)).as("he-normal: unit %d input %d", u, i).isEqualTo(expected);
        below += expected < 128 ? 1 : 0;
        above += expected > 128 ? 1 : 0;
      }
    }
    assertThat(below).isPositive();
    assertThat(above).isPositive();
    assertThat(zeros.level(0, 0, 0)).as("padding").isZero();
  }

  @Test
  void perClassPrCurvesAreServedWithOurPrecisionAndRecall() {
    JsonNode tags = tb.get("/data/plugin/pr_curves/tags");
    for (String scheme : SCHEMES) {
      List<String> expected = new ArrayList<>();
      for (String c : StudyRun.CLASS_TAGS) {
        expected.add("pr/val/" + c);
        expected.add("pr/test/" + c);
      }
      assertThat(tags.path(scheme).fieldNames())
          .toIterable()
          .containsExactlyInAnyOrderElementsOf(expected);
      RunLog run = root.run(scheme).orElseThrow();
      for (int c = 0; c < StudyRun.CLASS_TAGS.size(); c++) {
        String test = "pr/test/" + StudyRun.CLASS_TAGS.get(c);
        JsonNode entries =
            tb.get("/data/plugin/pr_curves/pr_curves", "run", scheme, "tag", test).get(scheme);
        assertThat(entries)
            .singleElement()
            .satisfies(e -> assertThat(e.get("step").asLong()).isEqualTo(20));
        JsonNode e = entries.get(0);
        // at threshold 0 every test image is predicted positive: the class's 100 of 1,000
        assertThat(
                e.get("true_positives").get(0).asDouble()
                    + e.get("false_positives").get(0).asDouble())
            .isEqualTo(StudyRun.EMBEDDING_SIZE);
        assertThat(e.get("true_positives").get(0).asDouble()).isEqualTo(100);
        assertSameCurve(scheme + " " + test, e, run.prCurves(test).get(0).curve());

        String val = "pr/val/" + StudyRun.CLASS_TAGS.get(c);
        JsonNode perEpoch =
            tb.get("/data/plugin/pr_curves/pr_curves", "run", scheme, "tag", val).get(scheme);
        assertThat(perEpoch)
            .extracting(p -> p.get("step").asLong())
            .containsExactlyElementsOf(EPOCH_ENDS);
        for (int i = 0; i < perEpoch.size(); i++) {
          assertSameCurve(scheme + " " + val, perEpoch.get(i), run.prCurves(val).get(i).curve());
        }
      }
    }
  }

  private static void assertSameCurve(String what, JsonNode served, PrCurve ours) {
    JsonNode precision = served.get("precision");
    JsonNode recall = served.get("recall");
    // TensorBoard leaves out the high thresholds where nothing is predicted positive
    assertThat(precision.size()).as(what).isBetween(1, PrCurve.DEFAULT_THRESHOLDS);
    for (int i = 0; i < precision.size(); i++) {
      assertThat(precision.get(i).asDouble())
          .as("%s precision %d", what, i)
          .isCloseTo((float) ours.precision()[i], within(1e-7));
      assertThat(recall.get(i).asDouble())
          .as("%s recall %d", what, i)
          .isCloseTo((float) ours.recall()[i], within(1e-7));
    }
  }

  @Test
  void theLayoutListsTheStudysChartsAndItsScalarsRouteReturnsOurSeries() {
    JsonNode categories = tb.get("/data/plugin/custom_scalars/layout").get("category");
    // every run declares the same layout: TensorBoard merges them into one
    assertThat(categories).hasSize(1);
    assertThat(categories.get(0).get("title").asText()).isEqualTo("study");
    JsonNode charts = categories.get(0).get("chart");
    List<Layout.Chart> ours = StudyRun.LAYOUT.categories().get(0).charts();
    assertThat(charts).hasSize(ours.size());
    for (int i = 0; i < ours.size(); i++) {
      Layout.Multiline chart = (Layout.Multiline) ours.get(i);
      assertThat(charts.get(i).get("title").asText()).isEqualTo(chart.title());
      assertThat(charts.get(i).get("multiline").get("tag"))
          .extracting(JsonNode::asText)
          .containsExactlyElementsOf(chart.tagRegexes());
      for (String scheme : SCHEMES) {
        RunLog run = root.run(scheme).orElseThrow();
        for (String regex : chart.tagRegexes()) {
          JsonNode answer =
              tb.get("/data/plugin/custom_scalars/scalars", "run", scheme, "tag", regex);
          assertThat(answer.get("regex_valid").asBoolean()).isTrue();
          String tag = regex.substring(1, regex.length() - 1);
          assertThat(answer.get("tag_to_events").fieldNames()).toIterable().containsExactly(tag);
          TensorBoardAgreement.assertSameSeries(
              scheme + " " + tag, run.scalars(tag), answer.get("tag_to_events").get(tag));
          assertThat(run.scalars(tag))
              .extracting(ScalarPoint::step)
              .containsExactlyElementsOf(EPOCH_ENDS);
        }
      }
    }
  }

  @Test
  void theProjectorListsEachRunsEmbeddingsWithShapeClassNamesAndSprites() throws Exception {
    assertThat(projector.get("/data/plugin/projector/runs"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(SCHEMES);
    LabeledImages test = data.test();
    for (String scheme : SCHEMES) {
      JsonNode embeddings =
          projector.get("/data/plugin/projector/info", "run", scheme).get("embeddings");
      assertThat(embeddings)
          .extracting(e -> e.get("tensorName").asText())
          .containsExactly("layer1/activations:00000", "layer1/activations:00020");
      List<EmbeddingPoint> ours = root.run(scheme).orElseThrow().embeddings("layer1/activations");
      for (int k = 0; k < embeddings.size(); k++) {
        JsonNode e = embeddings.get(k);
        String name = e.get("tensorName").asText();
        assertThat(e.get("tensorShape"))
            .extracting(JsonNode::asInt)
            .containsExactly(StudyRun.EMBEDDING_SIZE, 128);

        ByteBuffer tensor =
            ByteBuffer.wrap(
                    projector.bytes("/data/plugin/projector/tensor", "run", scheme, "name", name))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(tensor.capacity()).isEqualTo(StudyRun.EMBEDDING_SIZE * 128 * 4);
        Embedding logged = ours.get(k).embedding();
        for (int i = 0; i < StudyRun.EMBEDDING_SIZE; i += 97) {
          for (int j = 0; j < 128; j++) {
            float v = tensor.getFloat((i * 128 + j) * 4);
            assertThat(v).isEqualTo(logged.vector(i)[j]);
            if (scheme.equals("zeros")) {
              // zero weights and biases: every ReLU unit outputs 0
              assertThat(v).isZero();
            }
          }
        }

        String[] rows =
            projector
                .text("/data/plugin/projector/metadata", "run", scheme, "name", name)
                .split("\n");
        assertThat(rows).hasSize(StudyRun.EMBEDDING_SIZE);
        for (int i = 0; i < rows.length; i++) {
          assertThat(rows[i]).isEqualTo(FashionMnistData.CLASS_NAMES.get(test.label(i)));
        }

        assertThat(e.get("sprite").get("singleImageDim"))
            .extracting(JsonNode::asInt)
            .containsExactly(28, 28);
        ImageData sheet =
            ImageData.fromPng(
                projector.bytes(
                    "/data/plugin/projector/sprite_image", "run", scheme, "name", name));
        assertThat(sheet.width()).isEqualTo(32 * 28); // ceil(sqrt(1000)) sprites a row
        for (int i : new int[] {0, 1, 31, 32, 999}) {
          for (int p : new int[] {0, 1, 100, 783}) {
            int y = (i / 32) * 28 + p / 28;
            int x = (i % 32) * 28 + p % 28;
            assertThat(sheet.level(y, x, 0))
                .as("sprite %d pixel %d", i, p)
                .isEqualTo(Math.round(test.pixel(i, p) * 255));
          }
        }
      }
    }
  }
}
