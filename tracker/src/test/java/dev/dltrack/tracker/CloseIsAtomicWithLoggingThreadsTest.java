package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} while other threads log, most of them blocked on a full queue: nobody hangs,
 * every call that returned normally is in the files, every call that lost the race threw {@link
 * IllegalStateException}.
 */
class CloseIsAtomicWithLoggingThreadsTest {
  private static final int THREADS = 8;

  @TempDir Path root;

  @RepeatedTest(3)
  void everyAcceptedRecordIsWrittenAndTheOthersAreRefused() throws Exception {
    Run run =
        Run.builder("race").logRoot(root).formats("tensorboard").queueCapacity(1).open();
    AtomicLongArray accepted = new AtomicLongArray(THREADS);
    AtomicLongArray refused = new AtomicLongArray(THREADS);
    CountDownLatch started = new CountDownLatch(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                started.countDown();
                for (long step = 0; ; step++) {
                  try {
                    run.scalar("t" + id, step, (double) step);
                    accepted.incrementAndGet(id);
                  } catch (IllegalStateException closed) {
                    refused.incrementAndGet(id);
                    return;
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    started.await();
    Thread.sleep(50); // let them fill the queue and block on it
    run.close();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(t.isAlive()).as("%s still blocked after close", t.getName()).isFalse();
    }

    RunLog log = TensorBoardRuns.readRun(root.resolve("race"), "race");
    for (int t = 0; t < THREADS; t++) {
      assertThat(refused.get(t)).isEqualTo(1);
      assertThat(log.scalars("t" + t))
          .as("records of thread %d whose scalar() returned", t)
          .hasSize((int) accepted.get(t));
    }
    assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    TfeventsCheck.assertSound(root.resolve("race"));
  }

  @Test
  void flushAfterCloseIsRefusedAndCloseAgainIsANoOp() throws Exception {
    Run run = Run.builder("twice").logRoot(root).closeTimeout(Duration.ofSeconds(5)).open();
    run.scalar("x", 0, 1);
    run.close();
    run.close();
    assertThatThrownBy(run::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> run.scalar("x", 1, 1)).isInstanceOf(IllegalStateException.class);
  }
}
