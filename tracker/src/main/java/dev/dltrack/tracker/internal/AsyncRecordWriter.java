package dev.dltrack.tracker.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.dltrack.tracker.spi.Record;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records off the caller's thread: a bounded queue and one worker thread that hands every
 * record to each sink, flushes them on an interval, on request and at the end.
 *
 * <p>When the queue is full, {@link #submit} blocks (backpressure): experiment data is the
 * product, so nothing is dropped. A sink that throws is not called again (so that a half-written
 * record is never followed by more), its failure is logged once with the sink's path, and the
 * first failure is rethrown from every later {@link #flush()} and from {@link #close}. The other
 * sinks carry on.
 */
public final class AsyncRecordWriter {
  private static final Logger log = LoggerFactory.getLogger(AsyncRecordWriter.class);
  private static final int BATCH = 4096;

  private final String runName;
  private final List<SinkSlot> sinks = new ArrayList<>();
  private final BlockingQueue<Object> queue;
  private final long flushIntervalNanos;
  private final Thread worker;
  private volatile IOException firstFailure;

  /** A request the worker completes once everything queued before it is flushed. */
  private record FlushRequest(CompletableFuture<Void> done) {}

  /** The last item: write {@code end}, close the sinks, stop. */
  private record CloseRequest(Record.End end, CompletableFuture<Void> done) {}

  private static final class SinkSlot {
    final Sink sink;
    boolean failed;

    SinkSlot(Sink sink) {
      this.sink = sink;
    }
  }

  public AsyncRecordWriter(
      String runName, List<Sink> sinks, int capacity, Duration flushInterval) {
    checkArgument(capacity >= 1, "queue capacity must be >= 1: %s", capacity);
    checkArgument(
        !flushInterval.isNegative() && !flushInterval.isZero(),
        "flush interval must be positive: %s",
        flushInterval);
    this.runName = runName;
    for (Sink s : sinks) {
      this.sinks.add(new SinkSlot(s));
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.flushIntervalNanos = flushInterval.toNanos();
    this.worker = new Thread(this::work, "dltrack-writer-" + runName);
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues a record, waiting while the queue is full. */
  public void submit(Record record) {
    try {
      queue.put(record);
    } catch (InterruptedException e) {
      // Keep the record: the caller's interrupt must not lose data. Re-assert the flag after.
      putUninterruptibly(record);
      Thread.currentThread().interrupt();
    }
  }

  private void putUninterruptibly(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every record submitted before this call is written and flushed. */
  public void flush() throws IOException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submitControl(new FlushRequest(done));
    await(done);
    rethrowFailure();
  }

  /** Writes {@code end}, flushes and closes every sink, and stops the worker. Call once. */
  public void close(Record.End end) throws IOException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submitControl(new CloseRequest(end, done));
    await(done);
    rethrowFailure();
  }

  private void submitControl(Object request) throws IOException {
    if (!worker.isAlive()) {
      throw new IOException("the writer of run '" + runName + "' has stopped");
    }
    try {
      queue.put(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing run '" + runName + "'");
    }
  }

  private void await(CompletableFuture<Void> done) throws IOException {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing run '" + runName + "'");
    } catch (ExecutionException e) {
      throw new IOException("the writer of run '" + runName + "' failed", e.getCause());
    }
  }

  private void rethrowFailure() throws IOException {
    IOException f = firstFailure;
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
  }

  private void work() {
    List<Object> batch = new ArrayList<>(BATCH);
    long nextFlush = System.nanoTime() + flushIntervalNanos;
    try {
      while (true) {
        Object first = queue.poll(Math.max(0, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
          for (Object item : batch) {
            if (item instanceof Record r) {
              write(r);
            } else if (item instanceof FlushRequest f) {
              flushSinks();
              nextFlush = System.nanoTime() + flushIntervalNanos;
              f.done().complete(null);
            } else if (item instanceof CloseRequest c) {
              write(c.end());
              closeSinks();
              c.done().complete(null);
              return;
            }
          }
          batch.clear();
        }
        if (System.nanoTime() - nextFlush >= 0) {
          flushSinks();
          nextFlush = System.nanoTime() + flushIntervalNanos;
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM at exit; the shutdown hook closes the run.
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // Sinks' exceptions are caught above; this is the worker itself failing (out of memory,
      // say). Callers waiting on a flush must not wait forever.
      log.error("the writer of run '{}' stopped on an unexpected error", runName, e);
      fail(new IOException("the writer of run '" + runName + "' stopped: " + e, e));
      drainAndFailWaiters(e);
    }
  }

  private void drainAndFailWaiters(Throwable cause) {
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof FlushRequest f) {
        f.done().completeExceptionally(cause);
      } else if (item instanceof CloseRequest c) {
        c.done().completeExceptionally(cause);
      }
    }
  }

  private void write(Record r) {
    for (SinkSlot slot : sinks) {
      if (!slot.failed) {
        try {
          slot.sink.write(r);
        } catch (IOException | RuntimeException e) {
          failSink(slot, "writing", e);
        }
      }
    }
  }

  private void flushSinks() {
    for (SinkSlot slot : sinks) {
      if (!slot.failed) {
        try {
          slot.sink.flush();
        } catch (IOException | RuntimeException e) {
          failSink(slot, "flushing", e);
        }
      }
    }
  }

  private void closeSinks() {
    for (SinkSlot slot : sinks) {
      try {
        slot.sink.close();
      } catch (IOException | RuntimeException e) {
        if (!slot.failed) {
          failSink(slot, "closing", e);
        }
      }
    }
  }

  private void failSink(SinkSlot slot, String doing, Exception e) {
    slot.failed = true;
    String message =
        "run '" + runName + "': " + doing + " " + slot.sink.describe() + " failed: " + e;
    log.error("{}; this output stops here, what it wrote before stays readable", message);
    fail(new IOException(message, e));
  }

  private void fail(IOException e) {
    if (firstFailure == null) {
      firstFailure = e;
    }
  }
}
