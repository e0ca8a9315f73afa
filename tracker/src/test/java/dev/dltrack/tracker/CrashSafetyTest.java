package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.ChildLogger;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A logging process that dies: what it flushed survives, the files stay sound. */
class CrashSafetyTest {
  @TempDir Path root;

  private Process child(String mode, int n) throws Exception {
    return ChildLogger.start(root, mode, n);
  }

  private static void awaitFlushed(Process p) throws Exception {
    ChildLogger.awaitFlushed(p);
  }

  @Test
  void afterKillMinus9EverythingFlushedIsReadableAndTheFilesAreSound() throws Exception {
    int flushed = 5000;
    Process p = child("kill", flushed);
    awaitFlushed(p);
    Thread.sleep(200); // let it write (and be cut) mid-stream
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Path dir = root.resolve("child");
    TfeventsCheck.Result check = TfeventsCheck.assertSound(dir);
    assertThat(check.warnings()).isLessThanOrEqualTo(1); // a truncated tail at most
    RunLog tb = TensorBoardRuns.readRun(dir, "child");
    List<ScalarPoint> loss = tb.scalars("loss");
    assertThat(loss.size()).isGreaterThanOrEqualTo(flushed);
    for (int s = 0; s < loss.size(); s++) {
      assertThat(loss.get(s).step()).isEqualTo(s);
    }
    assertThat(tb.histograms("w")).hasSize(flushed / 100);
    assertThat(tb.session().get().status()).isEqualTo(RunStatus.UNKNOWN);

    RunLog wb = WandbRuns.readRunLog(dir, "child");
    assertThat(wb.scalars("loss").size()).isGreaterThanOrEqualTo(flushed);
  }

  @Test
  void aRunLeftOpenIsClosedByTheShutdownHookOnNormalExit() throws Exception {
    Process p = child("exit", 1000);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Path dir = root.resolve("child");
    TfeventsCheck.Result check = TfeventsCheck.assertSound(dir);
    assertThat(check.warnings()).isZero();
    RunLog tb = TensorBoardRuns.readRun(dir, "child");
    assertThat(tb.scalars("loss")).hasSize(1000);
    assertThat(tb.warnings()).isEmpty();
    assertThat(tb.session().get().endTime()).isPositive();
    assertThat(WandbRuns.read(dir).metadata()).containsEntry("state", "crashed");
  }
}
