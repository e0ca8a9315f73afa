package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images, PR curves and embeddings in the W&amp;B files, field by field as {@code wandb} writes
 * them: {@code image-file} and {@code images/separated} values pointing at PNGs whose SHA-256, size
 * and dimensions they state, {@code table-file} values pointing at {@code {columns, data}} tables;
 * the layout written nowhere.
 */
class WandbMediaFilesAreWandbsFormatTest {
  @TempDir Path root;
  private Path dir;
  private JsonNode row0;
  private JsonNode row1;

  @BeforeEach
  void writeARun() throws Exception {
    try (Run run = Run.builder("wb").logRoot(root).formats("wandb").open()) {
      run.image("weights/layer0", 0, new byte[][] {{0, 10, 20}, {30, 40, 50}});
      run.images(
          "samples",
          1,
          List.of(
              ImageData.grey(new byte[2][2]), ImageData.ofBytes(2, 2, 1, new byte[] {1, 2, 3, 4})));
      run.prCurve(
          "pr/shirt",
          0,
          PrCurve.ofCounts(
              new double[] {3, 1}, new double[] {2, 0}, new double[] {0, 2}, new double[] {0, 2}));
      run.embedding(
          "penultimate",
          1,
          Embedding.of(new float[][] {{0.1f, 2}, {3, 4}})
              .withLabels(List.of("bag", "boot"))
              .withSprites(
                  List.of(
                      ImageData.grey(new byte[3][3]),
                      ImageData.grey(new byte[][] {{9, 9, 9}, {9, 9, 9}, {9, 9, 9}}))));
      run.layout(Layout.builder().category("loss", Layout.multiline("l", "loss")).build());
    }
    dir = root.resolve("wb/wandb");
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(dir.resolve("wandb-history.jsonl"));
    assertThat(lines).hasSize(2);
    row0 = json.readTree(lines.get(0));
    row1 = json.readTree(lines.get(1));
  }

  @Test
  void anImageIsAnImageFileValueWhoseFileItDescribes() throws Exception {
    JsonNode v = row0.get("weights/layer0");
    assertThat(v.get("_type").asText()).isEqualTo("image-file");
    assertThat(v.get("format").asText()).isEqualTo("png");
    String path = v.get("path").asText();
    assertThat(path).matches("media/images/weights/layer0_0_[0-9a-f]{20}\\.png");
    byte[] png = Files.readAllBytes(dir.resolve(path));
    String sha = Hashing.sha256().hashBytes(png).toString();
    assertThat(v.get("sha256").asText()).isEqualTo(sha);
    assertThat(path).contains(sha.substring(0, 20));
    assertThat(v.get("size").asLong()).isEqualTo(png.length);
    ImageData im = ImageData.fromPng(png);
    assertThat(v.get("width").asInt()).isEqualTo(im.width()).isEqualTo(3);
    assertThat(v.get("height").asInt()).isEqualTo(im.height()).isEqualTo(2);
  }

  @Test
  void aBatchIsImagesSeparatedWithOneFileEach() throws Exception {
    JsonNode v = row1.get("samples");
    assertThat(v.get("_type").asText()).isEqualTo("images/separated");
    assertThat(v.get("count").asInt()).isEqualTo(2);
    assertThat(v.get("width").asInt()).isEqualTo(2);
    assertThat(v.get("filenames"))
        .extracting(JsonNode::asText)
        .containsExactly("media/images/samples_1_0.png", "media/images/samples_1_1.png");
    assertThat(
            ImageData.fromPng(Files.readAllBytes(dir.resolve("media/images/samples_1_1.png")))
                .level(1, 1, 0))
        .isEqualTo(4);
  }

  @Test
  void aPrCurveIsATableFileOfOneRowPerThreshold() throws Exception {
    JsonNode v = row0.get("pr/shirt");
    JsonNode table = tableOf(v);
    assertThat(v.get("ncols").asInt()).isEqualTo(8);
    assertThat(v.get("nrows").asInt()).isEqualTo(2);
    assertThat(table.get("columns"))
        .extracting(JsonNode::asText)
        .containsExactly("class", "threshold", "precision", "recall", "tp", "fp", "tn", "fn");
    JsonNode last = table.get("data").get(1);
    assertThat(last.get(0).asText()).isEqualTo("shirt");
    assertThat(last.get(1).asDouble()).isEqualTo(1.0);
    assertThat(last.get(2).asDouble()).isEqualTo(1.0);
    assertThat(last.get(3).asDouble()).isEqualTo(1.0 / 3);
  }

  @Test
  void anEmbeddingIsATableOfLabelsVectorsAndSpriteImages() throws Exception {
    JsonNode table = tableOf(row1.get("penultimate"));
    assertThat(table.get("columns"))
        .extracting(JsonNode::asText)
        .containsExactly("label", "embedding", "sprite");
    JsonNode first = table.get("data").get(0);
    assertThat(first.get(0).asText()).isEqualTo("bag");
    assertThat(first.get(1).get(0).asText())
        .isEqualTo("0.1"); // float32 written as its own shortest decimal
    JsonNode sprite = table.get("data").get(1).get(2);
    assertThat(sprite.get("_type").asText()).isEqualTo("image-file");
    byte[] png = Files.readAllBytes(dir.resolve(sprite.get("path").asText()));
    assertThat(sprite.get("sha256").asText()).isEqualTo(Hashing.sha256().hashBytes(png).toString());
    assertThat(ImageData.fromPng(png).level(2, 2, 0)).isEqualTo(9);
  }

  @Test
  void theLayoutHasNoWandbCounterpart() throws Exception {
    assertThat(row0.toString() + row1).doesNotContain("custom_scalars").doesNotContain("\"loss\"");
    assertThat(Files.readString(dir.resolve("wandb-summary.json"))).doesNotContain("layout");
  }

  private JsonNode tableOf(JsonNode v) throws Exception {
    assertThat(v.get("_type").asText()).isEqualTo("table-file");
    String path = v.get("path").asText();
    assertThat(path).startsWith("media/table/").endsWith(".table.json");
    byte[] bytes = Files.readAllBytes(dir.resolve(path));
    assertThat(v.get("sha256").asText()).isEqualTo(Hashing.sha256().hashBytes(bytes).toString());
    assertThat(v.get("size").asLong()).isEqualTo(bytes.length);
    return new ObjectMapper().readTree(bytes);
  }
}
