package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dltrack show} lists a run's images, PR curves, embeddings and layout, in both formats. */
class ShowListsImagesPrCurvesEmbeddingsAndLayoutsTest {
  @TempDir Path root;

  private String show() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    assertThat(cli.execute("show", root.toString())).as(out.toString()).isZero();
    return out.toString();
  }

  private void logEverything(String name, String format) throws Exception {
    try (Run run = Run.builder(name).logRoot(root).formats(format).open()) {
      run.image("weights/layer0", 0, ImageData.grid(List.of(ImageData.grey(new byte[28][28])), 8));
      run.image("weights/layer0", 1, ImageData.grid(List.of(ImageData.grey(new byte[28][28])), 8));
      run.prCurve(
          "test/pr/shirt",
          3,
          PrCurve.ofCounts(
              new double[] {4, 2, 0},
              new double[] {6, 1, 0},
              new double[] {0, 5, 6},
              new double[] {0, 2, 4}));
      run.embedding(
          "penultimate",
          3,
          Embedding.of(new float[][] {{1, 2}, {3, 4}})
              .withLabels(List.of("a", "b"))
              .withSprites(
                  List.of(ImageData.grey(new byte[3][3]), ImageData.grey(new byte[3][3]))));
      run.layout(
          Layout.builder().category("loss", Layout.multiline("train vs val", "loss$")).build());
    }
  }

  @Test
  void everyNewKindIsListedWithWhatItHolds() throws Exception {
    logEverything("tb", "tensorboard");
    logEverything("wb", "wandb");
    String out = show();
    assertThat(out)
        .contains("weights/layer0")
        .containsPattern("image +n=2 +steps 0\\.\\.1 +last: 1 x 32x32 grey")
        .containsPattern(
            "test/pr/shirt +pr_curve +n=1 .*3 thresholds, 4 positives, 6 negatives, precision 0\\.6667 / recall 0\\.5000 at 0\\.50")
        .containsPattern("penultimate +embedding n=1 .*last: 2 x 2, labels, sprites 3x3 grey")
        .contains("layout    1 categories, 1 charts (loss)");
    // the layout has no W&B counterpart: only the TensorBoard run shows one
    assertThat(out.split("run wb")[1]).doesNotContain("layout");
  }
}
