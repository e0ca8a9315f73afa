package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real I/O failures: a full disk ({@code /dev/full}) and a run directory removed while logging.
 * The failure is not swallowed (flush and close rethrow it, naming the path), logging calls never
 * throw, and what was written before stays readable.
 */
class IoFailureTest {
  @TempDir Path root;

  @Test
  void aFullDiskIsReportedFromFlushAndCloseAndTheOtherFormatCarriesOn() throws Exception {
    Path devFull = Path.of("/dev/full");
    Require.that(Files.exists(devFull), "/dev/full (a Linux device)");
    Path history = root.resolve("full/wandb/wandb-history.jsonl");
    Files.createDirectories(history.getParent());
    Files.createSymbolicLink(history, devFull);

    Run run =
        Run.builder("full").logRoot(root).resume().flushInterval(Duration.ofHours(1)).open();
    for (int s = 0; s < 100; s++) {
      run.scalar("loss", s, 1.0 / (s + 1));
    }
    assertThatThrownBy(run::flush)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("wandb-history.jsonl")
        .hasMessageContaining("No space left on device");
    run.scalar("loss", 100, 0.001); // logging goes on without throwing
    assertThatThrownBy(run::close).hasMessageContaining("No space left on device");

    TfeventsCheck.assertSound(root.resolve("full"));
    RunLog log = TensorBoardRuns.readRun(root.resolve("full"), "full");
    assertThat(log.scalars("loss")).hasSize(101);
    assertThat(log.session().get().status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void aRemovedRunDirectoryIsReportedWithItsPath() throws Exception {
    Run run = Run.builder("gone").logRoot(root).formats("wandb").open();
    run.scalar("loss", 0, 1);
    run.flush();
    Path wandb = root.resolve("gone/wandb");
    // the classic files and the offline run folder beside them
    com.google.common.io.MoreFiles.deleteRecursively(
        wandb, com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);
    run.scalar("loss", 1, 0.5);
    assertThatThrownBy(run::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(wandb.toString());
  }
}
