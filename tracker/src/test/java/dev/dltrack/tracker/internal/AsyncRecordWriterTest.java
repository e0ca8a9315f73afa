package dev.dltrack.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The background writer's contract, with sinks that record what they receive: backpressure instead
 * of dropping, flush waits for the queue, a failing sink is cut off and its first failure rethrown
 * while the others carry on.
 */
class AsyncRecordWriterTest {
  /** Keeps what it is given; can be made to wait on a latch or to fail after some records. */
  static final class RecordingSink implements Sink {
    final List<RunRecord> records = new CopyOnWriteArrayList<>();
    final CountDownLatch gate;
    final int failAfter;
    int flushes;
    boolean closed;

    RecordingSink(CountDownLatch gate, int failAfter) {
      this.gate = gate;
      this.failAfter = failAfter;
    }

    @Override
    public void write(RunRecord r) throws IOException {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      if (records.size() == failAfter) {
        throw new IOException("No space left on device");
      }
      records.add(r);
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public String describe() {
      return "recording sink";
    }
  }

  private static boolean waiting(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  private static RunRecord.Scalar scalar(long step) {
    return new RunRecord.Scalar("x", step, 1, step);
  }

  private static RunRecord.End end() {
    return new RunRecord.End(RunStatus.SUCCESS, 2, "");
  }

  @Test
  void aFullQueueBlocksTheCallerUntilTheWriterCatchesUpAndNothingIsDropped() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    RecordingSink sink = new RecordingSink(gate, Integer.MAX_VALUE);
    AsyncRecordWriter w =
        new AsyncRecordWriter("r", List.of(sink), 4, Duration.ofHours(1), Duration.ofSeconds(30));
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < 100; i++) {
                w.submit(scalar(i));
              }
            });
    producer.start();
    // the worker holds one record at the closed gate, the queue holds 4: the producer must wait
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!waiting(producer) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(waiting(producer)).as("producer waits").isTrue();
    assertThat(producer.isAlive()).isTrue();
    gate.countDown();
    producer.join();
    w.close(List.of(), end());
    assertThat(sink.records).hasSize(101);
    assertThat(sink.records.subList(0, 100))
        .extracting(r -> ((RunRecord.Scalar) r).step())
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
    assertThat(sink.closed).isTrue();
  }

  @Test
  void flushReturnsOnlyAfterEverythingBeforeItIsWrittenAndFlushed() throws Exception {
    RecordingSink sink = new RecordingSink(new CountDownLatch(0), Integer.MAX_VALUE);
    AsyncRecordWriter w =
        new AsyncRecordWriter("r", List.of(sink), 16, Duration.ofHours(1), Duration.ofSeconds(30));
    for (int i = 0; i < 1000; i++) {
      w.submit(scalar(i));
    }
    w.flush();
    assertThat(sink.records).hasSize(1000);
    assertThat(sink.flushes).isEqualTo(1);
    w.close(List.of(), end());
  }

  @Test
  void theWriterFlushesOnItsInterval() throws Exception {
    RecordingSink sink = new RecordingSink(new CountDownLatch(0), Integer.MAX_VALUE);
    AsyncRecordWriter w =
        new AsyncRecordWriter(
            "r", List.of(sink), 16, Duration.ofMillis(20), Duration.ofSeconds(30));
    w.submit(scalar(0));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sink.flushes < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sink.flushes).isGreaterThanOrEqualTo(2);
    w.close(List.of(), end());
  }

  @Test
  void aFailingSinkIsCutOffItsFailureRethrownAndTheOthersCarryOn() throws Exception {
    RecordingSink failing = new RecordingSink(new CountDownLatch(0), 3);
    RecordingSink healthy = new RecordingSink(new CountDownLatch(0), Integer.MAX_VALUE);
    AsyncRecordWriter w =
        new AsyncRecordWriter(
            "run-x", List.of(failing, healthy), 16, Duration.ofHours(1), Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      w.submit(scalar(i)); // never throws on the logging path
    }
    assertThatThrownBy(w::flush)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("run-x")
        .hasMessageContaining("recording sink")
        .hasMessageContaining("No space left on device");
    assertThat(failing.records).hasSize(3);
    assertThat(healthy.records).hasSize(10);
    assertThatThrownBy(() -> w.close(List.of(), end()))
        .hasMessageContaining("No space left on device");
    assertThat(failing.records).hasSize(3);
    assertThat(healthy.records).hasSize(11);
    assertThat(failing.closed).isTrue();
  }
}
