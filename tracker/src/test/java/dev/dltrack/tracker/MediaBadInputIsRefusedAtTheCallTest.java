package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad images, PR curve inputs and embeddings get an {@link IllegalArgumentException} at the call
 * that names the tag and the problem; nothing of it is written, and everything else the run logs
 * (before and after, in both formats) is intact.
 */
class MediaBadInputIsRefusedAtTheCallTest {
  @TempDir Path root;

  private static final PixelRange UNIT = PixelRange.UNIT;

  private static Arguments bad(String what, Consumer<Run> call, String... message) {
    return Arguments.of(what, call, List.of(message));
  }

  private static List<ImageData> sprites(int n, int h, int w) {
    return new ArrayList<>(Collections.nCopies(n, ImageData.ofBytes(h, w, 1, new byte[h * w])));
  }

  static Stream<Arguments> badInputs() {
    float[][] ragged = {{0, 0.5f}, {0.5f}};
    float[][] nan = {{0, Float.NaN}};
    float[][] outside = {{0, 1.5f}};
    float[][][] twoChannels = {{{0, 1}}};
    float[][][] mixedChannels = {{{0, 0, 0}, {0}}};
    float[][] vectors = {{1, 2}, {3, 4}, {5, 6}};
    return Stream.of(
        bad(
            "ragged rows",
            r -> r.image("img/ragged", 0, ragged, UNIT),
            "img/ragged",
            "row 1 has 1 pixels"),
        bad("NaN pixel", r -> r.image("img/nan", 0, nan, UNIT), "img/nan", "pixel [0][1] is NaN"),
        bad(
            "pixel outside the stated range",
            r -> r.image("img/range", 0, outside, UNIT),
            "img/range",
            "pixel [0][1] = 1.5 is outside the stated range [0.0, 1.0]"),
        bad(
            "undeclared range (a range is required)",
            r -> r.image("img/norange", 0, new float[][] {{0}}, null),
            "img/norange",
            "float pixels need a stated range"),
        bad(
            "empty image",
            r -> r.image("img/empty", 0, new float[0][], UNIT),
            "img/empty",
            "no rows"),
        bad(
            "empty row",
            r -> r.image("img/emptyrow", 0, new byte[][] {{}}),
            "img/emptyrow",
            "must have pixels"),
        bad(
            "two channels",
            r -> r.image("img/c2", 0, twoChannels, UNIT),
            "img/c2",
            "1 (grey), 3 (RGB) or 4 (RGBA) channels"),
        bad(
            "mixed channels",
            r -> r.image("img/mixed", 0, mixedChannels, UNIT),
            "img/mixed",
            "pixel [0][1] has 1 channels"),
        bad("no images", r -> r.images("img/none", 0, List.of()), "img/none", "no images"),
        bad(
            "images of different sizes in a batch",
            r ->
                r.images(
                    "img/sizes",
                    0,
                    List.of(ImageData.grey(new byte[2][2]), ImageData.grey(new byte[3][2]))),
            "img/sizes",
            "must have one size",
            "image 1 is 3x2 grey"),
        bad(
            "labels and probabilities of different lengths",
            r -> r.prCurve("pr/len", 0, new boolean[3], new float[2]),
            "pr/len",
            "3 labels but 2 probabilities"),
        bad(
            "probability above 1",
            r -> r.prCurve("pr/above", 0, new boolean[] {true, false}, new float[] {0.5f, 1.01f}),
            "pr/above",
            "probability of example 1 is 1.01, outside [0, 1]"),
        bad(
            "NaN probability",
            r -> r.prCurve("pr/nan", 0, new boolean[] {true}, new float[] {Float.NaN}),
            "pr/nan",
            "is NaN, outside [0, 1]"),
        bad(
            "no predictions",
            r -> r.prCurve("pr/empty", 0, new boolean[0], new float[0]),
            "pr/empty",
            "no predictions"),
        bad(
            "too few thresholds",
            r -> r.prCurve("pr/t", 0, new boolean[1], new float[1], 1),
            "pr/t",
            "thresholds: 1"),
        bad(
            "multi-class labels and rows of different lengths",
            r ->
                r.prCurves("pr/mc", 0, new int[] {0, 1}, new float[][] {{1, 0}}, List.of("a", "b")),
            "pr/mc",
            "2 labels but 1 rows"),
        bad(
            "a label that is not a class",
            r ->
                r.prCurves(
                    "pr/label", 0, new int[] {2}, new float[][] {{0.5f, 0.5f}}, List.of("a", "b")),
            "pr/label",
            "label 2 of example 0 is not a class in [0, 2)"),
        bad(
            "class names not matching the classes",
            r ->
                r.prCurves(
                    "pr/names", 0, new int[] {0}, new float[][] {{0.5f, 0.5f}}, List.of("a")),
            "pr/names",
            "1 class names for 2 classes"),
        bad(
            "metadata rows not matching vectors",
            r -> r.embedding("emb/rows", 0, Embedding.of(vectors).withLabels(List.of("a", "b"))),
            "emb/rows",
            "2 metadata rows for 3 vectors"),
        bad(
            "a metadata row narrower than the header",
            r ->
                r.embedding(
                    "emb/width",
                    0,
                    Embedding.of(vectors)
                        .withMetadata(
                            List.of("a", "b"),
                            List.of(List.of("1", "2"), List.of("1"), List.of("1", "2")))),
            "emb/width",
            "metadata row 1 has 1 columns, the header 2"),
        bad(
            "a label with a tab",
            r ->
                r.embedding(
                    "emb/tab", 0, Embedding.of(vectors).withLabels(List.of("a", "b\tc", "d"))),
            "emb/tab",
            "metadata row 1, column 0 contains a tab"),
        bad(
            "sprites of different sizes",
            r -> {
              List<ImageData> s = sprites(3, 4, 4);
              s.set(2, ImageData.ofBytes(5, 4, 1, new byte[20]));
              r.embedding("emb/sprites", 0, Embedding.of(vectors).withSprites(s));
            },
            "emb/sprites",
            "sprites must have one size",
            "sprite 2 is 5x4 grey"),
        bad(
            "sprites not matching vectors",
            r ->
                r.embedding("emb/nsprites", 0, Embedding.of(vectors).withSprites(sprites(2, 4, 4))),
            "emb/nsprites",
            "2 sprites for 3 vectors"),
        bad(
            "vectors of different dimensions",
            r -> r.embedding("emb/ragged", 0, Embedding.of(new float[][] {{1, 2}, {3}})),
            "emb/ragged",
            "vector 1 has 1 values, vector 0 has 2"),
        bad(
            "a NaN in a vector",
            r -> r.embedding("emb/nan", 0, Embedding.of(new float[][] {{1, Float.NaN}})),
            "emb/nan",
            "vector 0, value 1 is NaN"),
        bad(
            "no vectors",
            r -> r.embedding("emb/empty", 0, Embedding.of(new float[0][])),
            "emb/empty",
            "no vectors"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void isRefusedNamingTheTagAndTheProblemAndNothingElseIsAffected(
      String what, Consumer<Run> call, List<String> message) throws Exception {
    Run run = Run.builder("bad").logRoot(root).open();
    run.scalar("before", 0, 1);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> call.accept(run));
    assertThat(thrown).as(what).isInstanceOf(IllegalArgumentException.class);
    for (String part : message) {
      assertThat(thrown.getMessage()).as(what).contains(part);
    }
    run.image("good", 0, new byte[][] {{1, 2}});
    run.scalar("after", 1, 2);
    run.close();
    TfeventsCheck.assertSound(root);
    for (RunLog log :
        List.of(
            TensorBoardRuns.readRun(run.directory(), "bad"),
            WandbRuns.readRunLog(run.directory(), "bad"))) {
      assertThat(log.scalars()).containsOnlyKeys("before", "after");
      assertThat(log.images()).containsOnlyKeys("good");
      assertThat(log.prCurves()).isEmpty();
      assertThat(log.embeddings()).isEmpty();
      assertThat(log.warnings()).isEmpty();
    }
  }

  @Test
  void layoutsWithEmptyPartsOrBadPatternsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> Layout.builder().build())
        .hasMessageContaining("at least one category");
    assertThatThrownBy(() -> Layout.builder().category("loss"))
        .hasMessage("layout category 'loss' has no charts");
    assertThatThrownBy(() -> Layout.multiline("losses"))
        .hasMessage("layout chart 'losses' has no tag patterns");
    assertThatThrownBy(() -> Layout.multiline("losses", "train/(loss"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "layout chart 'losses': tag pattern 'train/(loss' is not a regular expression");
    assertThatThrownBy(() -> Layout.margin("band")).hasMessage("margin chart 'band' has no series");
  }

  @Test
  void pixelRangesMustBeFiniteAndOrdered() {
    assertThatThrownBy(() -> PixelRange.of(1, 1)).hasMessageContaining("low < high: [1.0, 1.0]");
    assertThatThrownBy(() -> PixelRange.of(0, Double.NaN)).hasMessageContaining("finite");
  }
}
