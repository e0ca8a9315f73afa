package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad argument to {@code end()} is refused before the run changes state: it stays usable. */
class EndChecksItsArgumentsFirstTest {
  @TempDir Path root;

  @Test
  void aNullReasonLeavesTheRunOpenAndCloseStillWritesEverything() throws Exception {
    Run run = Run.builder("r").logRoot(root).open();
    run.scalar("loss", 0, 1.0);
    assertThatThrownBy(() -> run.end(RunStatus.SUCCESS, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> run.end(null, "")).isInstanceOf(NullPointerException.class);
    assertThat(run.isClosed()).isFalse();
    run.scalar("loss", 1, 0.5);
    run.close();

    RunLog log = TensorBoardRuns.readRun(root.resolve("r"), "r");
    assertThat(log.scalars("loss")).hasSize(2);
    assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
  }
}
