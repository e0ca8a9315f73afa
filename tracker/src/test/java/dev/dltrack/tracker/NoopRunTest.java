package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A no-op run is the API of a run with tracking off: the same checks, the same lifecycle, and no
 * trace at all (no directory, no lock, no thread).
 */
class NoopRunTest {
  private static final Layout LAYOUT =
      Layout.builder().category("loss", Layout.multiline("loss", "train/loss$")).build();

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  private static void logOneOfEverything(Run run) {
    run.scalar("train/loss", 0, 1.5);
    run.scalar("train/loss", 1, Double.NaN);
    run.histogram("w", 1, new double[] {1, 2, 3});
    run.histogram("w", 1, new float[] {1, 2, 3});
    run.histogram("empty", 1, new double[0]);
    run.text("notes", 1, "*hello*");
    run.image("img", 1, new byte[][] {{0, 127}, {(byte) 255, 3}});
    run.prCurve("pr", 1, new boolean[] {true, false}, new float[] {0.9f, 0.2f});
    run.layout(LAYOUT);
    run.summary("best", 0.9);
  }

  @Test
  void loggingEverythingAndClosingLeavesNoDirectoryAndNoThread() throws Exception {
    Set<Thread> before = liveThreads();
    Run run = Run.noop("noop-" + System.nanoTime());
    logOneOfEverything(run);
    run.flush();
    Set<Thread> started = liveThreads();
    started.removeAll(before);
    assertThat(started).as("threads the open no-op run started").isEmpty();
    run.close();

    assertThat(run.isClosed()).isTrue();
    assertThat(run.directory()).doesNotExist();
    assertThat(run.directory().resolveSibling(".dltrack").resolve(run.name() + ".lock")).doesNotExist();
  }

  @Test
  void itIsNamedAsARunWouldBeAndHasNoConfig() {
    Run run = Run.noop("he-normal");
    assertThat(run.name()).isEqualTo("he-normal");
    assertThat(run.directory()).isEqualTo(Run.Builder.DEFAULT_LOG_ROOT.resolve("he-normal"));
    assertThat(run.config()).isEmpty();
    assertThat(run.isClosed()).isFalse();
  }

  @Test
  void namesThatCouldLeaveTheLogRootAreRefusedAsForARealRun() {
    for (String name : List.of("..", "a/b", "../escape", "")) {
      assertThatThrownBy(() -> Run.noop(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("run name");
    }
  }

  @Test
  void argumentsAreCheckedAsAnOpenRunChecksThem() {
    Run run = Run.noop("checked");
    assertThatThrownBy(() -> run.scalar("x", -1, 1)).hasMessage("step must be >= 0: -1");
    assertThatThrownBy(() -> run.scalar("../x", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag");
    assertThatThrownBy(() -> run.histogram("w", 0, (double[]) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> run.prCurve("pr", 0, new boolean[] {true}, new float[] {2f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pr");
    assertThatThrownBy(() -> run.image("img", 0, new float[][] {{0.5f}}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range");
  }

  @Test
  void afterCloseLoggingAndFlushingThrowAndClosingAgainDoesNothing() throws Exception {
    Run run = Run.noop("closed");
    run.fail("diverged");
    assertThat(run.isClosed()).isTrue();

    assertThatThrownBy(() -> run.scalar("x", 0, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run 'closed' is closed");
    assertThatThrownBy(() -> run.layout(LAYOUT))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(run::flush).isInstanceOf(IllegalStateException.class);
    run.close();
    run.end(RunStatus.SUCCESS, "");
    assertThat(run.directory()).doesNotExist();
  }

  @Test
  void itRunsTheSameCodeAsATrackedRunInTryWithResources() throws Exception {
    Run kept;
    try (Run run = Run.noop("scoped")) {
      kept = run;
      logOneOfEverything(run);
    }
    assertThat(kept.isClosed()).isTrue();
    assertThat(Files.exists(kept.directory())).isFalse();
  }
}
