package dev.dltrack.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL example on a subset of FashionMNIST: the DL4J study's tags, from PyTorch. */
class DjlFashionMnistExampleTest {
  static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path logs;

  @Test
  void theDjlExampleTrainsTheStudysMlpIntoTheSweepsLogRoot() throws Exception {
    Require.that(Files.isDirectory(DATA), DATA + " (apt-get install dataset-fashion-mnist)");
    DjlFashionMnistExample.main(
        new String[] {logs.toString(), "2560", "2"}); // 20 batches per epoch

    RunLog run = LogRoot.read(logs).run("djl-he-normal").orElseThrow();
    assertThat(run.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.session().orElseThrow().hparams())
        .containsEntry("scheme", "he-normal")
        .containsEntry("optimizer", "Adam")
        .containsKey("framework");
    assertThat(run.scalars("train/batch_loss")).hasSize(40);
    assertThat(run.scalars("train/loss")).hasSize(2);
    assertThat(run.scalars("val/accuracy")).hasSize(2);
    assertThat(run.lastScalar("val/accuracy").orElseThrow().value()).isGreaterThan(0.6);
    assertThat(run.histograms("01Linear/weight")).hasSize(3);
    assertThat(run.histograms("01Linear/grad/weight")).hasSize(3);
    assertThat(run.scalars("02LambdaBlock/dead_relu_fraction")).hasSize(3);
    assertThat(run.images("01Linear/weight/tiles")).hasSize(3);
    assertThat(run.embeddings("06Dropout/activations"))
        .hasSize(2); // before training and at the end
    assertThat(run.scalars("parameters").get(0).value())
        .isEqualTo(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
  }
}
