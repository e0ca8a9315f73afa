package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented window, under the interval flush: eight threads log the same steps, one tag each,
 * kept within half the window of each other; one is slow, so the run spans many interval flushes.
 * Every value is in the history, one row per step, {@code _step} strictly increasing, and pandas
 * loads it.
 */
class HistoryKeepsEveryValueOfTheWindowTest {
  private static final int THREADS = 8;
  private static final int STEPS = 8_000;

  /** The threads meet every this many steps, so they drift at most twice that apart: 256. */
  private static final int MEET_EVERY = HistoryWriter.WINDOW / 8;

  @TempDir Path root;

  @Test
  void aThreadBehindTheOthersWithinTheWindowLosesNothingToTheIntervalFlush() throws Exception {
    Run run =
        Run.builder("window")
            .logRoot(root)
            .formats("wandb")
            .flushInterval(Duration.ofMillis(10))
            .open();
    CyclicBarrier meet = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        workers.add(
            pool.submit(
                () -> {
                  for (int s = 0; s < STEPS; s++) {
                    if (s % MEET_EVERY == 0) {
                      meet.await();
                    }
                    if (id == 0 && s % 4 == 0) {
                      Thread.sleep(1); // the slow one: an evaluation thread, say
                    }
                    run.scalar("t" + id, s, value(id, s));
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      run.close();
    }
    // the run spanned many interval flushes
    assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(200));

    WandbRun w = WandbRuns.read(root.resolve("window"));
    List<Map<String, Object>> rows = w.history();
    assertThat(rows).hasSize(STEPS);
    for (int s = 0; s < STEPS; s++) {
      Map<String, Object> row = rows.get(s);
      assertThat(((Number) row.get("_step")).longValue()).as("row %s", s).isEqualTo(s);
      for (int t = 0; t < THREADS; t++) {
        assertThat(row).as("row %s", s).containsEntry("t" + t, value(t, s));
      }
    }
    Path history = root.resolve("window/wandb/wandb-history.jsonl");
    String last =
        WandbFileFormatTest.lastLineOfPandas(
            "import pandas as pd, sys\n"
                + "h = pd.read_json(sys.argv[1], lines=True)\n"
                + "assert h['_step'].is_monotonic_increasing and h['_step'].is_unique\n"
                + "print(len(h), int(h.notna().all(axis=1).sum()))",
            history);
    assertThat(last).isEqualTo(STEPS + " " + STEPS);
  }

  private static double value(int thread, int step) {
    return step * 10.0 + thread;
  }
}
