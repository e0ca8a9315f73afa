package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRun;
import dev.dltrack.tracker.wandb.WandbRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads logging into one run: every record arrives, in each thread's order. */
class ConcurrentLoggingTest {
  @TempDir Path root;

  @Test
  void everyRecordFromEveryThreadIsAccountedFor() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    // a small queue so that threads really contend and block
    Run run = Run.builder("many").logRoot(root).queueCapacity(64).open();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
                for (int s = 0; s < perThread; s++) {
                  run.scalar("thread" + id, s, s);
                  if (s % 5000 == 0) {
                    run.histogram("h" + id, s, new float[] {id, s});
                  }
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    run.close();

    TfeventsCheck.assertSound(run.directory());
    RunLog tb = TensorBoardRuns.readRun(run.directory(), "many");
    for (int t = 0; t < threads; t++) {
      List<ScalarPoint> points = tb.scalars("thread" + t);
      assertThat(points).as("thread %s in %s", t, tb).hasSize(perThread);
      assertThat(points.stream().map(ScalarPoint::step).collect(Collectors.toSet()))
          .hasSize(perThread);
      assertThat(tb.histograms("h" + t)).hasSize(perThread / 5000);
    }
    // W&B's history only moves forward: threads this far apart in steps lose their late values
    // there (tested in the wandb package); what it keeps is right and in step order
    WandbRun wb = WandbRuns.read(run.directory());
    long previous = -1;
    for (Map<String, Object> row : wb.history()) {
      long step = ((Number) row.get("_step")).longValue();
      assertThat(step).isGreaterThanOrEqualTo(previous);
      previous = step;
      row.forEach(
          (k, v) -> {
            if (k.startsWith("thread")) {
              assertThat(((Number) v).doubleValue()).isEqualTo((double) step);
            }
          });
    }
    for (int t = 0; t < threads; t++) {
      assertThat(wb.summary()).containsEntry("thread" + t, (double) (perThread - 1));
    }
    // TensorBoard keeps each thread's order exactly
    for (int t = 0; t < threads; t++) {
      List<ScalarPoint> points = tb.scalars("thread" + t);
      for (int s = 0; s < perThread; s++) {
        assertThat(points.get(s).step()).isEqualTo(s);
      }
    }
  }
}
