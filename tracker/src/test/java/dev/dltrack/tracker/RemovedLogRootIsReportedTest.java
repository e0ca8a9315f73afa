package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log root removed while a run writes into it: what is logged afterwards cannot reach
 * TensorBoard, so {@code flush()} and {@code close()} say so with the path, even when only the
 * event file is written.
 */
class RemovedLogRootIsReportedTest {
  @TempDir Path tmp;

  @Test
  void flushAndCloseFailNamingTheEventFile() throws Exception {
    Path logs = tmp.resolve("logs");
    Run run =
        Run.builder("r")
            .logRoot(logs)
            .formats("tensorboard")
            .flushInterval(Duration.ofHours(1))
            .open();
    run.scalar("x", 0, 1);
    run.flush();
    MoreFiles.deleteRecursively(logs, RecursiveDeleteOption.ALLOW_INSECURE);
    run.scalar("x", 1, 2);
    assertThatThrownBy(run::flush)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(logs.resolve("r").toString())
        .hasMessageContaining("no longer exists")
        .hasMessageContaining("removed or moved");
    assertThatThrownBy(run::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no longer exists");
  }
}
