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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records off the caller's thread. Callers put records into one bounded queue; a dispatcher
 * thread takes them out in batches, hands each batch to the other sinks' own threads and writes
 * it to the first sink itself, so that formats encode in parallel and a slow one does not hold
 * back the others beyond a few batches. Sinks are flushed on an interval, on request and at the
 * end.
 *
 * <p>When the queue is full, {@link #submit} blocks (backpressure), and so does the dispatcher
 * when a sink's thread falls behind: experiment data is the product, so nothing is dropped. A
 * sink that throws is not called again (so that a half-written record is never followed by more),
 * its failure is logged once with the sink's path, and the first failure is rethrown from every
 * later {@link #flush()} and from {@link #close}. The other sinks carry on.
 */
public final class AsyncRecordWriter {
  private static final Logger log = LoggerFactory.getLogger(AsyncRecordWriter.class);
  private static final int BATCH = 4096;
  /** Batches a sink's thread may lag behind before the dispatcher waits for it. */
  private static final int LANE_DEPTH = 4;
  /** How long the idle dispatcher first sleeps, doubling up to {@link #MAX_IDLE_WAIT_NANOS}. */
  private static final long MIN_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String runName;
  private final List<Lane> lanes = new ArrayList<>();
  private final BlockingQueue<Object> queue;
  private final long flushIntervalNanos;
  private final Thread dispatcher;
  private final AtomicReference<IOException> firstFailure = new AtomicReference<>();

  /**
   * A point in the stream every sink must pass: flushed (and, for a close, closed) everything
   * before it. Completes when the last sink arrives.
   */
  private static class Barrier {
    final AtomicInteger waiting;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Barrier(int sinks) {
      this.waiting = new AtomicInteger(sinks);
    }

    void arrive() {
      if (waiting.decrementAndGet() == 0) {
        done.complete(null);
      }
    }
  }

  private static final class FlushRequest extends Barrier {
    FlushRequest(int sinks) {
      super(sinks);
    }
  }

  private static final class CloseRequest extends Barrier {
    final Record.End end;

    CloseRequest(int sinks, Record.End end) {
      super(sinks);
      this.end = end;
    }
  }

  /** The interval's flush, which nobody waits for. */
  private static final Object PERIODIC_FLUSH = new Object();

  public AsyncRecordWriter(
      String runName, List<Sink> sinks, int capacity, Duration flushInterval) {
    checkArgument(capacity >= 1, "queue capacity must be >= 1: %s", capacity);
    checkArgument(!sinks.isEmpty(), "at least one sink is needed");
    checkArgument(
        !flushInterval.isNegative() && !flushInterval.isZero(),
        "flush interval must be positive: %s",
        flushInterval);
    this.runName = runName;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.flushIntervalNanos = flushInterval.toNanos();
    for (int i = 0; i < sinks.size(); i++) {
      // the dispatcher serves the first sink itself: one thread fewer on small machines
      lanes.add(new Lane(sinks.get(i), i > 0));
    }
    this.dispatcher = daemon(this::dispatch, "dltrack-writer-" + runName);
    lanes.stream().filter(l -> l.thread != null).forEach(l -> l.thread.start());
    dispatcher.start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Queues a record, waiting while the queue is full. */
  public void submit(Record record) {
    if (queue.offer(record)) {
      return;
    }
    // Full: the dispatcher may be in its idle sleep (up to MAX_IDLE_WAIT_NANOS); wake it now
    // rather than have the caller wait that sleep out. Only this path pays for the wake-up.
    LockSupport.unpark(dispatcher);
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
    FlushRequest request = new FlushRequest(lanes.size());
    submitControl(request);
    await(request);
    rethrowFailure();
  }

  /** Writes {@code end}, flushes and closes every sink, and stops the threads. Call once. */
  public void close(Record.End end) throws IOException {
    CloseRequest request = new CloseRequest(lanes.size(), end);
    submitControl(request);
    await(request);
    rethrowFailure();
  }

  private void submitControl(Barrier request) throws IOException {
    if (!dispatcher.isAlive()) {
      throw new IOException("the writer of run '" + runName + "' has stopped");
    }
    try {
      queue.put(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing run '" + runName + "'");
    }
    LockSupport.unpark(dispatcher);
  }

  private void await(Barrier request) throws IOException {
    try {
      request.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing run '" + runName + "'");
    } catch (ExecutionException e) {
      throw new IOException("the writer of run '" + runName + "' failed", e.getCause());
    }
  }

  private void rethrowFailure() throws IOException {
    IOException f = firstFailure.get();
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
  }

  private void dispatch() {
    List<Object> items = new ArrayList<>(BATCH + 1);
    long nextFlush = System.nanoTime() + flushIntervalNanos;
    long idleWait = MIN_IDLE_WAIT_NANOS;
    try {
      while (true) {
        queue.drainTo(items, BATCH);
        boolean closing = false;
        for (Object item : items) {
          if (item instanceof FlushRequest) {
            nextFlush = System.nanoTime() + flushIntervalNanos;
          }
          closing |= item instanceof CloseRequest;
        }
        if (items.isEmpty()) {
          // Sleep instead of blocking on the queue: with a consumer blocked on it, each put wakes
          // it with a system call, and a training loop logging a few values per step would pay
          // more for that than for the logging. Records wait at most the idle wait; flush and
          // close requests, and a caller that finds the queue full, wake this thread at once.
          LockSupport.parkNanos(Math.max(0, Math.min(idleWait, nextFlush - System.nanoTime())));
          idleWait = Math.min(2 * idleWait, MAX_IDLE_WAIT_NANOS);
        } else {
          idleWait = MIN_IDLE_WAIT_NANOS;
        }
        if (System.nanoTime() - nextFlush >= 0) {
          items.add(PERIODIC_FLUSH);
          nextFlush = System.nanoTime() + flushIntervalNanos;
        }
        if (!items.isEmpty()) {
          Object[] batch = items.toArray();
          for (Lane lane : lanes.subList(1, lanes.size())) {
            lane.batches.put(batch);
          }
          lanes.get(0).process(batch);
          items.clear();
        }
        if (closing) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM at exit; the shutdown hook closes the run.
      Thread.currentThread().interrupt();
    }
  }

  private void fail(IOException e) {
    firstFailure.compareAndSet(null, e);
  }

  /** One sink, and the thread that feeds it batches unless the dispatcher serves it. */
  private final class Lane {
    final Sink sink;
    final BlockingQueue<Object[]> batches = new ArrayBlockingQueue<>(LANE_DEPTH);
    final Thread thread;
    boolean failed;

    Lane(Sink sink, boolean ownThread) {
      this.sink = sink;
      this.thread = ownThread ? daemon(this::run, "dltrack-sink-" + runName + "-" + lanes.size()) : null;
    }

    private void run() {
      try {
        while (process(batches.take())) {
          // until the close request
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Hands a batch to the sink; false once it held the close request. */
    boolean process(Object[] batch) {
      for (Object item : batch) {
        if (item instanceof Record r) {
          write(r);
        } else if (item == PERIODIC_FLUSH) {
          flush();
        } else if (item instanceof FlushRequest f) {
          flush();
          f.arrive();
        } else if (item instanceof CloseRequest c) {
          write(c.end);
          close();
          c.arrive();
          return false;
        }
      }
      return true;
    }

    private void write(Record r) {
      if (!failed) {
        try {
          sink.write(r);
        } catch (Exception | Error e) {
          fail("writing", e);
        }
      }
    }

    private void flush() {
      if (!failed) {
        try {
          sink.flush();
        } catch (Exception | Error e) {
          fail("flushing", e);
        }
      }
    }

    private void close() {
      try {
        sink.close();
      } catch (Exception | Error e) {
        if (!failed) {
          fail("closing", e);
        }
      }
    }

    private void fail(String doing, Throwable e) {
      failed = true;
      String message =
          "run '" + runName + "': " + doing + " " + sink.describe() + " failed: " + e;
      log.error("{}; this output stops here, what it wrote before stays readable", message);
      AsyncRecordWriter.this.fail(new IOException(message, e));
    }
  }
}
