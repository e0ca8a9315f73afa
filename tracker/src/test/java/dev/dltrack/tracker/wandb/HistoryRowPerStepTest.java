package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * W&amp;B's history as W&amp;B writes it: one row per step, {@code _step} increasing, whatever
 * order the steps arrive in within the reorder window; a value for a step already written is
 * left out of the history with one warning per key, never written as a row with a smaller step.
 */
class HistoryRowPerStepTest {
  @TempDir Path root;

  private Run.Builder run(String name) {
    // no periodic flush: each test says when rows are written
    return Run.builder(name)
        .logRoot(root)
        .formats("wandb")
        .clock(new ManualClock(1_700_000_000_000L))
        .flushInterval(Duration.ofHours(1));
  }

  private static List<Long> steps(WandbRun w) {
    return w.history().stream().map(r -> ((Number) r.get("_step")).longValue()).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long s = from; s < to; s++) {
      out.add(s);
    }
    return out;
  }

  @Test
  void eightThreadsLoggingEachStepGiveOneRowPerStepWithEveryValue() throws Exception {
    int threads = 8;
    int steps = 4000;
    int syncEvery = 200; // the threads meet as data-parallel workers do; in between they drift
    Run r = run("eight").queueCapacity(256).open();
    CyclicBarrier barrier = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  for (int s = 0; s < steps; s++) {
                    if (s % syncEvery == 0) {
                      barrier.await();
                    }
                    r.scalar("worker" + id + "/loss", s, s * 10 + id);
                    if (s % (id + 1) == 0) {
                      r.scalar("shared", s, s); // several threads, one key, one step
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    r.close();
    assertThat(failures).isEmpty();

    WandbRun w = WandbRuns.read(r.directory());
    assertThat(steps(w)).isEqualTo(range(0, steps));
    for (Map<String, Object> row : w.history()) {
      long s = ((Number) row.get("_step")).longValue();
      for (int t = 0; t < threads; t++) {
        assertThat(row).as("row %s", s).containsEntry("worker" + t + "/loss", (double) (s * 10 + t));
      }
      assertThat(row).containsEntry("shared", (double) s);
    }
  }

  @Test
  void stepsArrivingOutOfOrderWithinTheWindowMergeIntoTheirRows() throws Exception {
    int steps = 300; // more than the old writer's 64 pending rows, well within the window
    try (Run r = run("order").open()) {
      for (int s = 0; s < steps; s++) {
        r.scalar("a", s, s);
      }
      for (int s = 0; s < steps; s++) {
        r.scalar("b", s, -s);
      }
      for (int s = steps - 1; s >= 0; s--) {
        r.scalar("c", s, 2 * s);
      }
    }
    WandbRun w = WandbRuns.read(root.resolve("order"));
    assertThat(steps(w)).isEqualTo(range(0, steps));
    for (int s = 0; s < steps; s++) {
      assertThat(w.history().get(s))
          .containsEntry("a", (double) s)
          .containsEntry("b", (double) -s)
          .containsEntry("c", 2.0 * s);
    }
  }

  @Test
  void theSameStepLoggedTwiceKeepsTheLastValueInTheRowAndBothPointsInTensorBoard()
      throws Exception {
    try (Run r = run("twice").formats("tensorboard", "wandb").open()) {
      r.scalar("loss", 3, 1.0);
      r.scalar("acc", 3, 0.5);
      r.scalar("loss", 3, 2.0);
    }
    WandbRun w = WandbRuns.read(root.resolve("twice"));
    assertThat(w.history()).hasSize(1);
    assertThat(w.history().get(0)).containsEntry("loss", 2.0).containsEntry("acc", 0.5);
    assertThat(TensorBoardRuns.readRun(root.resolve("twice"), "twice").scalars("loss"))
        .extracting(ScalarPoint::value)
        .containsExactly(1.0, 2.0);
  }

  @Test
  void aValueForAStepAlreadyWrittenIsLeftOutOfTheHistoryWithOneWarningAndKeptInTheSummary()
      throws Exception {
    int newest = HistoryWriter.WINDOW + 10; // rows 0..10 are written, the rest held open
    String err =
        capturingStandardError(
            () -> {
              try (Run r = run("late").open()) {
                for (int s = 0; s <= newest; s++) {
                  r.scalar("a", s, s);
                }
                r.scalar("b", 5, 1.0);
                r.scalar("b", 6, 2.0);
                r.scalar("a", 3, 99.0);
                r.scalar("b", 11, 3.0); // still open: merges
              }
            });
    WandbRun w = WandbRuns.read(root.resolve("late"));
    assertThat(steps(w)).isEqualTo(range(0, newest + 1));
    assertThat(w.history().get(3)).containsEntry("a", 3.0);
    assertThat(w.history().get(5)).doesNotContainKey("b");
    assertThat(w.history().get(6)).doesNotContainKey("b");
    assertThat(w.history().get(11)).containsEntry("b", 3.0);
    assertThat(w.summary()).containsEntry("b", 3.0).containsEntry("a", 99.0);
    assertThat(err)
        .contains("'b' at step 5 came after that step's row was written")
        .contains("'a' at step 3 came after")
        .doesNotContain("'b' at step 6")
        .contains("3 values came after their step's row was written");
  }

  @Test
  void afterAFlushTheNewestStepGetsASecondRowAndOlderStepsAreLate() throws Exception {
    try (Run r = run("flushed").open()) {
      for (int s = 0; s < 10; s++) {
        r.scalar("train/loss", s, s);
      }
      r.flush(); // durable: every row is written
      r.scalar("val/loss", 9, 0.5); // the epoch's validation, logged just after the flush
      r.scalar("val/acc", 9, 0.9);
      r.scalar("train/loss", 8, 42); // a step before the newest: late
      r.scalar("train/loss", 10, 10);
    }
    WandbRun w = WandbRuns.read(root.resolve("flushed"));
    assertThat(steps(w)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 9L, 10L);
    assertThat(w.history().get(10))
        .containsEntry("val/loss", 0.5)
        .containsEntry("val/acc", 0.9)
        .doesNotContainKey("train/loss");
    assertThat(w.history().get(8)).containsEntry("train/loss", 8.0);
  }

  @Test
  void theIntervalFlushWritesOnlyRowsOutsideTheWindow() throws Exception {
    Path history = root.resolve("interval/wandb/wandb-history.jsonl");
    try (Run r = run("interval").flushInterval(Duration.ofMillis(10)).open()) {
      for (int s = 0; s < 10; s++) {
        r.scalar("train/loss", s, s);
      }
      // many interval flushes pass: every step is within the window, so no row is written
      Thread.sleep(200);
      assertThat(java.nio.file.Files.size(history)).isZero();
      r.scalar("val/loss", 5, 0.5); // late by four steps, within the window: joins its row
      r.scalar("val/loss", 9, 0.25);
      // a step 1,024 past step 8 puts steps 0..8 out of the window: the interval flush writes them
      r.scalar("train/loss", 8 + HistoryWriter.WINDOW, 1);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (java.nio.file.Files.readAllLines(history).size() < 9
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(50);
      assertThat(java.nio.file.Files.readAllLines(history)).hasSize(9);
    }
    WandbRun w = WandbRuns.read(root.resolve("interval"));
    List<Long> expected = new ArrayList<>(range(0, 10));
    expected.add(8L + HistoryWriter.WINDOW);
    assertThat(steps(w)).containsExactlyElementsOf(expected);
    assertThat(w.history().get(5)).containsEntry("train/loss", 5.0).containsEntry("val/loss", 0.5);
    assertThat(w.history().get(9)).containsEntry("train/loss", 9.0).containsEntry("val/loss", 0.25);
  }

  @Test
  void reopeningARunContinuesAfterItsLastStep() throws Exception {
    try (Run r = run("again").open()) {
      for (int s = 0; s < 5; s++) {
        r.scalar("loss", s, s);
      }
    }
    try (Run r = run("again").resume().open()) {
      r.scalar("loss", 2, -1); // before the history's last step: W&B would ignore it too
      r.scalar("loss", 5, 5);
    }
    WandbRun w = WandbRuns.read(root.resolve("again"));
    assertThat(steps(w)).isEqualTo(range(0, 6));
    assertThat(w.history().get(2)).containsEntry("loss", 2.0);
  }

  /** Runs {@code body} and returns what it (and the threads it started) wrote to stderr. */
  static String capturingStandardError(ThrowingRunnable body) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  /** A test body. */
  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
