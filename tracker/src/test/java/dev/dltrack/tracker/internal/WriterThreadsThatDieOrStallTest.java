package dev.dltrack.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The writer's threads can die (a {@link VirtualMachineError} is not caught) or stall (a sink that
 * never returns). Nobody waits forever for them: logging callers, {@code flush()} and {@code
 * close()} fail fast with the cause of a death, or after the close timeout with what was not
 * written; a stalled or dead sink does not hold back the others.
 */
class WriterThreadsThatDieOrStallTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  /** A sink that does what it is told on a given record, and remembers the threads it ran on. */
  static final class ScriptedSink implements Sink {
    final List<RunRecord> records = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final int at;
    final Supplier<Error> error;
    final CountDownLatch gate;
    final CountDownLatch reached = new CountDownLatch(1);
    volatile boolean closed;

    ScriptedSink(int at, Supplier<Error> error, CountDownLatch gate) {
      this.at = at;
      this.error = error;
      this.gate = gate;
    }

    static ScriptedSink healthy() {
      return new ScriptedSink(-1, null, new CountDownLatch(0));
    }

    @Override
    public void write(RunRecord r) {
      threads.add(Thread.currentThread());
      if (records.size() == at) {
        reached.countDown();
        if (error != null) {
          throw error.get();
        }
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public String describe() {
      return "scripted sink";
    }
  }

  private static RunRecord.Scalar scalar(long step) {
    return new RunRecord.Scalar("x", step, 1, step);
  }

  private static RunRecord.End end() {
    return new RunRecord.End(RunStatus.SUCCESS, 2, "");
  }

  @Test
  void aFatalErrorEndsTheThreadItHitAndFlushAndCloseFailAtOnceWithIt() throws Exception {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space (from the test)");
    ScriptedSink dying = new ScriptedSink(5, () -> oom, new CountDownLatch(0));
    ScriptedSink healthy = ScriptedSink.healthy();
    AsyncRecordWriter w =
        new AsyncRecordWriter("r", List.of(dying, healthy), 64, Duration.ofHours(1), LONG);
    for (int i = 0; i < 10; i++) {
      w.submit(scalar(i));
    }
    assertThat(dying.reached.await(10, TimeUnit.SECONDS)).isTrue();
    Thread hit = dying.threads.get(5);
    hit.join(10_000);
    assertThat(hit.isAlive()).as("the thread the error hit has ended").isFalse();

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThatThrownBy(w::flush)
              .isInstanceOf(IOException.class)
              .hasMessageContaining("died")
              .hasRootCauseMessage("Java heap space (from the test)");
          assertThatThrownBy(() -> w.close(List.of(), end()))
              .isInstanceOf(IOException.class)
              .hasCause(oom);
        });
    // the other sink still got everything and its end, and was closed properly
    assertThat(healthy.records).hasSize(11);
    assertThat(healthy.closed).isTrue();
  }

  @Test
  void whenTheDispatcherDiesBlockedCallersAndWaitersFailInsteadOfHanging() throws Exception {
    StackOverflowError soe = new StackOverflowError("from the test");
    ScriptedSink dying = new ScriptedSink(0, () -> soe, new CountDownLatch(0));
    // one sink: the dispatcher writes it itself, so the error ends the dispatcher
    AsyncRecordWriter w =
        new AsyncRecordWriter("solo", List.of(dying), 1, Duration.ofHours(1), LONG);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThatThrownBy(
                  () -> {
                    for (int i = 0; i < 1000; i++) {
                      w.submit(scalar(i));
                    }
                  })
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("solo")
              .hasCause(soe);
          assertThatThrownBy(w::flush).isInstanceOf(IOException.class).hasCause(soe);
          assertThatThrownBy(() -> w.close(List.of(), end())).isInstanceOf(IOException.class);
        });
  }

  @Test
  void aSinkThatNeverReturnsMakesCloseGiveUpAfterTheTimeoutSayingWhatWasNotWritten() {
    CountDownLatch never = new CountDownLatch(1);
    ScriptedSink stuck = new ScriptedSink(3, null, never);
    ScriptedSink healthy = ScriptedSink.healthy();
    AsyncRecordWriter w =
        new AsyncRecordWriter(
            "stall", List.of(stuck, healthy), 64, Duration.ofHours(1), Duration.ofMillis(300));
    for (int i = 0; i < 10; i++) {
      w.submit(scalar(i));
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThatThrownBy(w::flush)
              .isInstanceOf(IOException.class)
              .hasMessageContaining("timed out after 300 ms")
              .hasMessageContaining("scripted sink had not confirmed");
          assertThatThrownBy(() -> w.close(List.of(), end()))
              .isInstanceOf(IOException.class)
              .hasMessageContaining("closing run 'stall' timed out")
              .hasMessageContaining("records not yet written");
        });
    assertThat(healthy.closed).as("the healthy sink still closed").isTrue();
    never.countDown();
  }

  @Test
  void aSlowFirstSinkDoesNotHoldBackTheOthers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedSink slow = new ScriptedSink(0, null, gate);
    ScriptedSink fast = ScriptedSink.healthy();
    AsyncRecordWriter w =
        new AsyncRecordWriter("slow", List.of(slow, fast), 16, Duration.ofHours(1), LONG);
    w.submit(scalar(0));
    assertThat(slow.reached.await(10, TimeUnit.SECONDS)).isTrue();
    // the first sink is stuck in its first write; later records must still reach the second
    for (int i = 1; i <= 40; i++) {
      w.submit(scalar(i));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fast.records.size() < 41 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(fast.records).hasSize(41);
    gate.countDown();
    w.close(List.of(), end());
    assertThat(slow.records).hasSize(42);
  }
}
