package dev.dltrack.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A run on a store publishes its files from the writer's flush hook, which must see every sink's
 * files at rest: each sink has flushed everything submitted before the flush, and no sink writes
 * while the hook runs. Sinks here record whether they are inside a call and how many records they
 * have flushed; the hook checks both, on explicit flushes racing with logging threads and on the
 * interval's flushes.
 */
class FlushHookSeesEverySinkAtRestTest {
  /** Counts records, and whether a call is in progress (a write takes a little while). */
  static final class BusySink implements Sink {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    volatile long flushed;

    @Override
    public void write(RunRecord r) {
      inside.incrementAndGet();
      try {
        written.incrementAndGet();
        if (written.get() % 64 == 0) {
          Thread.onSpinWait();
        }
      } finally {
        inside.decrementAndGet();
      }
    }

    @Override
    public void flush() {
      inside.incrementAndGet();
      flushed = written.get();
      inside.decrementAndGet();
    }

    @Override
    public void close() {
      flush();
    }

    @Override
    public String describe() {
      return "busy sink";
    }
  }

  /** Checks the sinks at each call; keeps what it found wrong. */
  static final class CheckingHook implements FlushHook {
    final List<BusySink> sinks;
    final List<String> wrong = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger intervalFlushes = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile long lastSeen;

    CheckingHook(List<BusySink> sinks) {
      this.sinks = sinks;
    }

    @Override
    public void afterFlush(boolean onInterval) {
      (onInterval ? intervalFlushes : flushes).incrementAndGet();
      check();
    }

    @Override
    public void afterClose() {
      closes.incrementAndGet();
      check();
    }

    private void check() {
      long first = sinks.get(0).written.get();
      for (BusySink s : sinks) {
        if (s.inside.get() != 0) {
          wrong.add("a sink was inside a call while the hook ran");
        }
        if (s.flushed != s.written.get()) {
          wrong.add("a sink had written " + s.written.get() + " but flushed " + s.flushed);
        }
        if (s.written.get() != first) {
          wrong.add("the sinks were at different records: " + first + " and " + s.written.get());
        }
      }
      // sleep a little with the sinks held, so that a sink that went on would be seen
      long seen = first;
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (BusySink s : sinks) {
        if (s.written.get() != seen) {
          wrong.add("a sink wrote while the hook ran");
        }
      }
      lastSeen = seen;
    }
  }

  @Test
  void explicitFlushesRacingWithLoggingSeeEverySinkFlushedAndStill() throws Exception {
    for (int trial = 0; trial < 20; trial++) {
      List<BusySink> sinks = List.of(new BusySink(), new BusySink(), new BusySink());
      CheckingHook hook = new CheckingHook(sinks);
      AsyncRecordWriter writer =
          new AsyncRecordWriter(
              "t" + trial,
              new ArrayList<>(sinks),
              256,
              Duration.ofMillis(3),
              Duration.ofSeconds(30),
              hook);
      AtomicLong submitted = new AtomicLong();
      Thread logger =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  writer.submit(new RunRecord.Scalar("x", i, 1, i));
                  submitted.incrementAndGet();
                }
              });
      logger.start();
      for (int f = 0; f < 10; f++) {
        long before = submitted.get();
        writer.flush();
        assertThat(hook.lastSeen)
            .as("flush %d of trial %d", f, trial)
            .isGreaterThanOrEqualTo(before);
      }
      logger.join();
      writer.close(List.of(), new RunRecord.End(RunStatus.SUCCESS, 2, ""));
      assertThat(hook.wrong).as("trial %d", trial).isEmpty();
      assertThat(hook.flushes.get()).isEqualTo(10);
      assertThat(hook.closes.get()).isEqualTo(1);
      assertThat(hook.lastSeen).isEqualTo(20_001); // every record and the end
    }
  }

  @Test
  void theIntervalsFlushesRunTheHookWithOneSinkToo() throws Exception {
    BusySink sink = new BusySink();
    CheckingHook hook = new CheckingHook(List.of(sink));
    AsyncRecordWriter writer =
        new AsyncRecordWriter(
            "solo", List.of(sink), 64, Duration.ofMillis(2), Duration.ofSeconds(30), hook);
    long deadline = System.nanoTime() + 5_000_000_000L;
    int i = 0;
    while (hook.intervalFlushes.get() < 20 && System.nanoTime() < deadline) {
      writer.submit(new RunRecord.Scalar("x", i, 1, i++));
      Thread.sleep(0, 100_000);
    }
    writer.close(List.of(), new RunRecord.End(RunStatus.SUCCESS, 2, ""));
    assertThat(hook.intervalFlushes.get()).isGreaterThanOrEqualTo(20);
    assertThat(hook.wrong).isEmpty();
  }

  @Test
  void whatTheHookThrowsComesOutOfFlushAndCloseButNotOutOfTheInterval() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FlushHook failing =
        new FlushHook() {
          @Override
          public void afterFlush(boolean onInterval) throws IOException {
            calls.incrementAndGet();
            throw new IOException("store unreachable");
          }

          @Override
          public void afterClose() throws IOException {
            throw new IOException("store still unreachable");
          }
        };
    AsyncRecordWriter writer =
        new AsyncRecordWriter(
            "f",
            List.of(new BusySink(), new BusySink()),
            64,
            Duration.ofMillis(5),
            Duration.ofSeconds(30),
            failing);
    writer.submit(new RunRecord.Scalar("x", 0, 1, 0));
    Thread.sleep(50); // some interval flushes fail, quietly
    assertThat(calls.get()).isGreaterThan(1);
    assertThatThrownBy(writer::flush).hasMessageContaining("store unreachable");
    // the writer goes on: logging and a later flush still work up to the hook
    writer.submit(new RunRecord.Scalar("x", 1, 1, 1));
    assertThatThrownBy(() -> writer.close(List.of(), new RunRecord.End(RunStatus.SUCCESS, 2, "")))
        .hasMessageContaining("store still unreachable");
  }

  @Test
  void aFlushTheHookAsksForComesBeforeTheIntervalAndNeverAfterTheClose() throws Exception {
    for (int trial = 0; trial < 20; trial++) {
      List<BusySink> sinks = List.of(new BusySink(), new BusySink());
      CheckingHook checks = new CheckingHook(sinks);
      FlushHook due =
          new FlushHook() {
            @Override
            public void afterFlush(boolean onInterval) {
              checks.afterFlush(onInterval);
            }

            @Override
            public void afterClose() {
              checks.afterClose();
            }

            @Override
            public boolean flushDue() {
              return true; // always: as a store with more waiting than its flush size
            }
          };
      String name = "due" + trial;
      AsyncRecordWriter writer =
          new AsyncRecordWriter(
              name, new ArrayList<>(sinks), 256, Duration.ofHours(1), Duration.ofSeconds(30), due);
      for (int i = 0; i < 100; i++) {
        writer.submit(new RunRecord.Scalar("x", i, 1, i));
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (checks.intervalFlushes.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(checks.intervalFlushes.get())
          .as("flushes asked for, an hour's interval")
          .isPositive();
      // idle long enough for the next ask to be due, then the last records and the close in one
      // batch: a flush asked for after the close would wait for sinks that have ended
      Thread.sleep(80);
      List<RunRecord> last = new ArrayList<>();
      for (int i = 100; i < 200; i++) {
        last.add(new RunRecord.Scalar("x", i, 1, i));
      }
      writer.close(last, new RunRecord.End(RunStatus.SUCCESS, 2, ""));
      assertThat(checks.wrong).as("trial %d", trial).isEmpty();
      Thread dispatcher =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("dltrack-writer-" + name))
              .findFirst()
              .orElse(null);
      if (dispatcher != null) {
        dispatcher.join(5_000);
        assertThat(dispatcher.isAlive()).as("the writer's thread ended, trial %d", trial).isFalse();
      }
    }
  }
}
