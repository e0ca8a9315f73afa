package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.ChildLogger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one run: the second, in another process, fails at {@code open()} naming the
 * holder, and leaves the run as it was; once the holder is gone the run can be resumed.
 */
class SameRunFromTwoWritersTest {
  @TempDir Path root;

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void aSecondProcessIsRefusedNamingTheHolderAndChangesNothing() throws Exception {
    Process child = ChildLogger.start(root, "kill", 1000);
    try {
      ChildLogger.awaitFlushed(child); // the child has the run open and has written
      Path dir = root.resolve("child");
      List<String> before = files(dir);

      assertThatThrownBy(() -> Run.builder("child").logRoot(root).resume().open())
          .isInstanceOf(RunLockedException.class)
          .hasMessageContaining("another process")
          .hasMessageContaining("pid=" + child.pid())
          .hasMessageContaining("host=");
      assertThat(files(dir)).as("files after the refused open").isEqualTo(before);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // the OS released the dead holder's lock: the run can be resumed
    try (Run resumed = Run.builder("child").logRoot(root).resume().open()) {
      resumed.scalar("after", 0, 1);
    }
    RunLog log = LogRoot.read(root).run("child").orElseThrow();
    assertThat(log.scalars("after")).hasSize(1);
    assertThat(log.scalars("loss")).hasSizeGreaterThanOrEqualTo(1000);
  }

  @Test
  void aRefusedOpenOfAnEndedRunLeavesItsStatusAsItWas() throws Exception {
    try (Run run = Run.builder("done").logRoot(root).open()) {
      run.scalar("x", 0, 1);
    }
    List<String> before = files(root.resolve("done"));
    assertThatThrownBy(() -> Run.builder("done").logRoot(root).open())
        .isInstanceOf(RunExistsException.class);
    assertThat(files(root.resolve("done"))).isEqualTo(before);
    RunLog log = LogRoot.read(root).run("done").orElseThrow();
    assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
  }
}
