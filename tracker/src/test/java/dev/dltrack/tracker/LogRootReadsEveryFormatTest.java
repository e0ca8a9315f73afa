package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogRoot#read} finds every run whatever formats wrote it: a run written only as W&amp;B
 * files is as visible as one with event files, and a run with both is read once, from its event
 * files.
 */
class LogRootReadsEveryFormatTest {
  @TempDir Path root;

  @Test
  void runsOfEitherOrBothFormatsAreFoundOnceEach() throws Exception {
    for (String[] formats : new String[][] {{"tensorboard"}, {"wandb"}, {"tensorboard", "wandb"}}) {
      String name = String.join("+", formats);
      try (Run run = Run.builder(name).logRoot(root).formats(formats).config("lr", 0.1).open()) {
        run.scalar("loss", 0, 1.0);
        run.scalar("loss", 1, 0.5);
        run.text("note", 0, "hello");
      }
    }
    Files.createDirectories(root.resolve("empty-dir"));

    LogRoot logs = LogRoot.read(root);
    assertThat(logs.runs())
        .extracting(RunLog::name)
        .containsExactly("tensorboard", "tensorboard+wandb", "wandb");
    for (RunLog run : logs.runs()) {
      assertThat(run.scalars("loss")).extracting(ScalarPoint::value).containsExactly(1.0, 0.5);
      assertThat(run.session().orElseThrow().status()).as(run.name()).isEqualTo(RunStatus.SUCCESS);
      assertThat(run.session().orElseThrow().hparams()).containsEntry("lr", 0.1);
      assertThat(run.warnings()).isEmpty();
    }
  }

  @Test
  void aMissingLogRootIsAClearError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogRoot.read(root.resolve("nope")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("no such log directory");
  }
}
