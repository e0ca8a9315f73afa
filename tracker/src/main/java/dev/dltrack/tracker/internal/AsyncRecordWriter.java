package dev.dltrack.tracker.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records off the caller's thread. Callers put records into one bounded queue; a dispatcher
 * thread takes them out in batches. With one sink the dispatcher writes to it itself; with several,
 * it hands each batch to every sink's own thread, so that formats encode in parallel and a slow one
 * holds back the others only once its {@value #LANE_DEPTH} pending batches are full. Sinks are
 * flushed on an interval, on request and at the end.
 *
 * <p>When the queue is full, {@link #submit} blocks (backpressure), and so does the dispatcher when
 * a sink's thread falls behind: experiment data is the product, so nothing is dropped. A sink that
 * throws an exception is not called again (so that a half-written record is never followed by
 * more), its failure is logged once with the sink's path, and the first failure is rethrown from
 * every later {@link #flush()} and from {@link #close}. The other sinks carry on.
 *
 * <p>Closing is atomic with respect to callers: every {@link #submit} that returned normally before
 * {@link #close} is written before the end; a submit that loses the race throws {@link
 * IllegalStateException}; a caller blocked on the full queue when close begins either gets in (and
 * is written) or throws. Fatal errors ({@link VirtualMachineError}) are not caught: they end the
 * thread they hit, and every waiter and blocked caller then fails at once with that cause rather
 * than waiting. Every wait is bounded by the close timeout; one that runs out says which outputs
 * had not confirmed and how many records they had not written.
 */
public final class AsyncRecordWriter implements RecordWriter {
  private static final Logger log = LoggerFactory.getLogger(AsyncRecordWriter.class);
  private static final int BATCH = 4096;

  /** Batches a sink's thread may lag behind before the dispatcher waits for it. */
  private static final int LANE_DEPTH = 4;

  /** How long the idle dispatcher first sleeps, doubling up to {@link #MAX_IDLE_WAIT_NANOS}. */
  private static final long MIN_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How often a blocked thread looks whether the thread it waits for is still there. */
  private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** The bit of {@link #state} that says the writer is closed; the rest counts callers inside. */
  private static final int CLOSED = 1 << 30;

  private final String runName;
  private final List<Lane> lanes = new ArrayList<>();
  private final BlockingQueue<Object> queue;
  private final long flushIntervalNanos;
  private final long timeoutNanos;
  private final Thread dispatcher;
  private final AtomicReference<IOException> firstFailure = new AtomicReference<>();

  /** Runs after each flush and the close with every sink at rest; null for none. */
  private final FlushHook hook;

  /** How often the dispatcher asks the {@link #hook} whether a flush is due. */
  static final Duration DUE_CHECK_INTERVAL = Duration.ofMillis(50);

  /** When the dispatcher next asks the hook; its own thread's. */
  private long nextDueCheck;

  /** The first fatal error that ended one of the writer's threads. */
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();

  /** {@link #CLOSED}, plus the number of callers between their closed check and their put. */
  private final AtomicInteger state = new AtomicInteger();

  /** Records the dispatcher has taken off the queue (read only after close, for messages). */
  private volatile long dispatched;

  /** Set when the dispatcher has handed the close request to every sink and ended normally. */
  private volatile boolean closeHandedOn;

  /**
   * A point in the stream every sink must pass: flushed (and, for a close, closed) everything
   * before it. Done when every sink has arrived or has died.
   */
  private class Barrier {
    final AtomicIntegerArray arrived = new AtomicIntegerArray(lanes.size());
    final AtomicInteger waiting = new AtomicInteger(lanes.size());

    /**
     * Whether the {@link #hook} has run after the sinks (true from the start when there is none).
     */
    volatile boolean hookDone = hook == null;

    /** What the hook threw. */
    volatile IOException hookFailure;

    void arrive(int lane) {
      if (arrived.compareAndSet(lane, 0, 1) && waiting.decrementAndGet() == 0) {
        synchronized (this) {
          notifyAll();
        }
      }
    }

    boolean done() {
      return sinksDone() && hookDone;
    }

    /** Whether every sink has arrived or died. */
    boolean sinksDone() {
      if (waiting.get() == 0) {
        return true;
      }
      for (int i = 0; i < lanes.size(); i++) {
        if (arrived.get(i) == 0 && !lanes.get(i).dead()) {
          return false;
        }
      }
      return true;
    }

    /** The sinks that have neither arrived nor died. */
    List<Lane> pending() {
      List<Lane> p = new ArrayList<>();
      for (int i = 0; i < lanes.size(); i++) {
        if (arrived.get(i) == 0 && !lanes.get(i).dead()) {
          p.add(lanes.get(i));
        }
      }
      return p;
    }
  }

  private final class FlushRequest extends Barrier {}

  /** The interval's flush, which nobody waits for. */
  private final class PeriodicFlush extends Barrier {}

  private final class CloseRequest extends Barrier {
    final RunRecord.End end;

    CloseRequest(RunRecord.End end) {
      this.end = end;
    }
  }

  /**
   * Starts the writer's threads. {@code timeout} bounds every wait of {@link #flush} and {@link
   * #close} for the sinks.
   */
  public AsyncRecordWriter(
      String runName, List<Sink> sinks, int capacity, Duration flushInterval, Duration timeout) {
    this(runName, sinks, capacity, flushInterval, timeout, null);
  }

  /**
   * Starts the writer's threads, with {@code hook} run after each flush and the close while every
   * sink is at rest. {@link #flush} and {@link #close} rethrow what the hook throws for them; what
   * it throws after a flush on the interval is logged, and the hook is called again at the next.
   */
  public AsyncRecordWriter(
      String runName,
      List<Sink> sinks,
      int capacity,
      Duration flushInterval,
      Duration timeout,
      FlushHook hook) {
    this.hook = hook;
    checkArgument(capacity >= 1, "queue capacity must be >= 1: %s", capacity);
    checkArgument(!sinks.isEmpty(), "at least one sink is needed");
    checkArgument(
        !flushInterval.isNegative() && !flushInterval.isZero(),
        "flush interval must be positive: %s",
        flushInterval);
    checkArgument(
        !timeout.isNegative() && !timeout.isZero(), "timeout must be positive: %s", timeout);
    this.runName = runName;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.flushIntervalNanos = flushInterval.toNanos();
    this.timeoutNanos = timeout.toNanos();
    // One sink is written by the dispatcher itself: one thread fewer, and nobody to hold back.
    boolean ownThreads = sinks.size() > 1;
    for (int i = 0; i < sinks.size(); i++) {
      lanes.add(new Lane(i, sinks.get(i), ownThreads));
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

  /**
   * Queues a record, waiting while the queue is full.
   *
   * @throws IllegalStateException if the writer is closed, or one of its threads died
   */
  @Override
  public void submit(RunRecord record) {
    enter();
    try {
      if (!queue.offer(record)) {
        putSlowly(record);
      }
    } finally {
      state.getAndDecrement();
    }
  }

  private void enter() {
    if ((state.getAndIncrement() & CLOSED) != 0) {
      state.getAndDecrement();
      throw new IllegalStateException("run '" + runName + "' is closed");
    }
  }

  /**
   * The queue is full. The dispatcher may be in its idle sleep: wake it now rather than have the
   * caller wait that sleep out (only this path pays for the wake-up). Then wait, looking now and
   * then whether the dispatcher is still there to make room.
   */
  private void putSlowly(Object item) {
    LockSupport.unpark(dispatcher);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (queue.offer(item, LIVENESS_CHECK_NANOS, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          // Keep the record: the caller's interrupt must not lose data. Re-asserted after.
          interrupted = true;
        }
        Throwable f = fatal.get();
        if (f != null) {
          throw new IllegalStateException(diedMessage(f), f);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until every record submitted before this call is written and flushed.
   *
   * @throws IllegalStateException if the writer is closed
   * @throws IOException if a sink failed, a thread died, or the sinks did not confirm in time
   */
  @Override
  public void flush() throws IOException {
    checkNotDead();
    FlushRequest request = new FlushRequest();
    enter();
    try {
      if (!queue.offer(request)) {
        putSlowly(request);
      }
    } finally {
      state.getAndDecrement();
    }
    LockSupport.unpark(dispatcher);
    await(request, "flushing");
    rethrowFailure();
    rethrowHookFailure(request);
  }

  private static void rethrowHookFailure(Barrier request) throws IOException {
    IOException f = request.hookFailure;
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
  }

  /**
   * Refuses further records, writes those accepted so far, then {@code last} and {@code end},
   * flushes and closes every sink, and stops the threads. Call once.
   */
  @Override
  public void close(List<RunRecord> last, RunRecord.End end) throws IOException {
    if ((state.getAndAdd(CLOSED) & CLOSED) != 0) {
      state.getAndAdd(-CLOSED);
      throw new IllegalStateException("run '" + runName + "' is already closed");
    }
    long deadline = System.nanoTime() + timeoutNanos;
    // Callers between their closed check and their put: they get in while the dispatcher drains.
    // (A caller blocked on a full queue behind a dead dispatcher gives up by itself.)
    while ((state.get() & ~CLOSED) != 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
    CloseRequest request = new CloseRequest(end);
    if (dispatcher.isAlive()) {
      List<Object> tail = new ArrayList<>(last);
      tail.add(request);
      for (Object item : tail) {
        putUntil(item, deadline);
      }
      LockSupport.unpark(dispatcher);
    } else {
      closeWithoutDispatcher(last, request, deadline);
    }
    await(request, "closing", deadline);
    rethrowFailure();
    rethrowHookFailure(request);
  }

  /**
   * The dispatcher died: what it had not handed on is lost, but the sinks that have threads of
   * their own can still end their files properly, so they get the end directly.
   */
  private void closeWithoutDispatcher(List<RunRecord> last, CloseRequest request, long deadline)
      throws IOException {
    List<Object> tail = new ArrayList<>(last);
    tail.add(request);
    Object[] batch = tail.toArray();
    if (hook != null) {
      request.hookFailure =
          new IOException(
              "the background writer of run '" + runName + "' died; the run's end is not stored");
      request.hookDone = true;
    }
    for (Lane lane : lanes) {
      if (lane.thread != null && !lane.died) {
        try {
          if (!lane.batches.offer(
              batch, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IOException(timedOut("closing", List.of(lane)));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while closing run '" + runName + "'");
        }
      }
    }
  }

  private void putUntil(Object item, long deadline) throws IOException {
    try {
      while (!queue.offer(item, LIVENESS_CHECK_NANOS, TimeUnit.NANOSECONDS)) {
        if (!dispatcher.isAlive()) {
          checkNotDead();
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException(
              timedOut("closing", lanes) + "; the end of the run was not written");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while closing run '" + runName + "'");
    }
  }

  private void await(Barrier request, String doing) throws IOException {
    await(request, doing, System.nanoTime() + timeoutNanos);
  }

  private void await(Barrier request, String doing, long deadline) throws IOException {
    try {
      synchronized (request) {
        while (!request.done()) {
          if (!dispatcher.isAlive() && !closeHandedOn) {
            // nobody will hand the request on
            checkNotDead();
            throw new IOException("the background writer of run '" + runName + "' has stopped");
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IOException(timedOut(doing, request.pending()));
          }
          long slice = Math.min(left, LIVENESS_CHECK_NANOS);
          TimeUnit.NANOSECONDS.timedWait(request, slice);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(doing + " run '" + runName + "' was interrupted");
    }
    checkNotDead();
  }

  private String timedOut(String doing, List<Lane> pending) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s run '%s' timed out after %d ms",
                doing,
                runName,
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
    long accepted = dispatched + queue.size();
    for (Lane lane : pending) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %s had not confirmed, %d of %d records not yet written",
              lane.sink.describe(),
              Math.max(0, accepted - lane.written),
              accepted));
    }
    if (pending.isEmpty() && hook != null) {
      b.append("; every output had written its files, storing them had not finished");
    }
    return b.append(" (the writer goes on trying while the JVM runs)").toString();
  }

  private void checkNotDead() throws IOException {
    Throwable f = fatal.get();
    if (f != null) {
      throw new IOException(diedMessage(f), f);
    }
  }

  private String diedMessage(Throwable f) {
    return "the background writer of run '"
        + runName
        + "' died of "
        + f
        + "; what it had not written is lost";
  }

  private void rethrowFailure() throws IOException {
    IOException f = firstFailure.get();
    if (f != null) {
      throw new IOException(f.getMessage(), f);
    }
  }

  private void dispatch() {
    try {
      dispatchUntilClosed();
    } catch (Throwable t) {
      fatal.compareAndSet(null, t);
      log.error(
          "run '{}': the background writer died; logging into this run fails from now on",
          runName,
          t);
      throw t;
    }
  }

  private void dispatchUntilClosed() {
    List<Object> items = new ArrayList<>(BATCH + 1);
    long nextFlush = System.nanoTime() + flushIntervalNanos;
    long idleWait = MIN_IDLE_WAIT_NANOS;
    long taken = 0;
    while (true) {
      queue.drainTo(items, BATCH);
      boolean closing = false;
      for (Object item : items) {
        if (item instanceof RunRecord) {
          taken++;
        } else if (item instanceof FlushRequest) {
          nextFlush = System.nanoTime() + flushIntervalNanos;
        }
        closing |= item instanceof CloseRequest;
      }
      dispatched = taken;
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
      long now = System.nanoTime();
      // never after a close request: the sinks end at it, and the dispatcher would wait for them
      // at a flush after it forever
      if (!closing && (now - nextFlush >= 0 || (!items.isEmpty() && flushDue(now)))) {
        items.add(new PeriodicFlush());
        nextFlush = now + flushIntervalNanos;
      }
      if (!items.isEmpty()) {
        if (hook == null) {
          handToEveryLane(items);
        } else if (!handWithHook(items)) {
          return; // interrupted: the JVM is exiting
        }
        items.clear();
      }
      if (closing) {
        closeHandedOn = true;
        return;
      }
      if (Thread.interrupted()) {
        // Nobody interrupts this thread but the JVM at exit; the shutdown hook closes the run.
        return;
      }
    }
  }

  /**
   * Whether the hook asks for a flush now, asked at most every {@link #DUE_CHECK_INTERVAL}. What it
   * throws is logged; the interval's flush still comes.
   */
  private boolean flushDue(long now) {
    if (hook == null || now - nextDueCheck < 0) {
      return false;
    }
    nextDueCheck = now + DUE_CHECK_INTERVAL.toNanos();
    try {
      return hook.flushDue();
    } catch (IOException | RuntimeException e) {
      log.warn("run '{}': cannot tell whether to flush: {}", runName, e.toString());
      return false;
    }
  }

  private void handToEveryLane(List<Object> items) {
    Object[] batch = items.toArray();
    for (Lane lane : lanes) {
      lane.hand(batch);
    }
  }

  /**
   * Hands {@code items} on up to each flush or close, waits there until every sink has done it, and
   * runs the hook before handing on more, so that the hook sees every sink's files at rest.
   *
   * @return false if interrupted while waiting
   */
  private boolean handWithHook(List<Object> items) {
    int from = 0;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Barrier barrier) {
        handToEveryLane(items.subList(from, i + 1));
        from = i + 1;
        if (!awaitSinks(barrier)) {
          return false;
        }
        runHook(barrier);
      }
    }
    if (from < items.size()) {
      handToEveryLane(items.subList(from, items.size()));
    }
    return true;
  }

  private boolean awaitSinks(Barrier barrier) {
    synchronized (barrier) {
      while (!barrier.sinksDone()) {
        try {
          barrier.wait(TimeUnit.NANOSECONDS.toMillis(LIVENESS_CHECK_NANOS));
        } catch (InterruptedException e) {
          barrier.hookFailure =
              new InterruptedIOException("run '" + runName + "' was interrupted before storing");
          barrier.hookDone = true;
          barrier.notifyAll();
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private void runHook(Barrier barrier) {
    boolean onInterval = barrier instanceof PeriodicFlush;
    try {
      if (barrier instanceof CloseRequest) {
        hook.afterClose();
      } else {
        hook.afterFlush(onInterval);
      }
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
      if (onInterval) {
        log.warn("run '{}': {}; tried again at the next flush", runName, failure.getMessage());
      }
      barrier.hookFailure = failure;
    } finally {
      synchronized (barrier) {
        barrier.hookDone = true;
        barrier.notifyAll();
      }
    }
  }

  private void fail(IOException e) {
    firstFailure.compareAndSet(null, e);
  }

  /** One sink, and the thread that feeds it batches unless the dispatcher serves it. */
  private final class Lane {
    final int index;
    final Sink sink;
    final BlockingQueue<Object[]> batches;
    final Thread thread;
    boolean failed;

    /** Records handed to the sink (written or refused after a failure), per batch. */
    /** Written by the lane's own thread only, read by others. */
    volatile long written;

    volatile boolean died;

    Lane(int index, Sink sink, boolean ownThread) {
      this.index = index;
      this.sink = sink;
      this.batches = ownThread ? new ArrayBlockingQueue<>(LANE_DEPTH) : null;
      this.thread = ownThread ? daemon(this::run, "dltrack-sink-" + runName + "-" + index) : null;
    }

    boolean dead() {
      return died || (thread == null && !dispatcher.isAlive() && fatal.get() != null);
    }

    /** Called by the dispatcher: writes the batch, or queues it for this lane's thread. */
    void hand(Object[] batch) {
      if (thread == null) {
        process(batch);
        return;
      }
      boolean interrupted = false;
      while (!died) {
        try {
          if (batches.offer(batch, LIVENESS_CHECK_NANOS, TimeUnit.NANOSECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private void run() {
      try {
        while (process(batches.take())) {
          // until the close request
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        died = true;
        fatal.compareAndSet(null, t);
        log.error("run '{}': the thread writing {} died", runName, sink.describe(), t);
        throw t;
      }
    }

    /** Hands a batch to the sink; false once it held the close request. */
    // only this lane's thread updates written: the += needs no atomicity
    @SuppressWarnings("NonAtomicVolatileUpdate")
    boolean process(Object[] batch) {
      long records = 0;
      try {
        for (Object item : batch) {
          if (item instanceof RunRecord r) {
            write(r);
            records++;
            continue;
          }
          if (!control(item)) {
            return false;
          }
        }
        return true;
      } finally {
        written += records;
      }
    }

    /** Carries out a flush or close; false for the close. */
    private boolean control(Object item) {
      if (item instanceof PeriodicFlush p) {
        flushOnInterval();
        p.arrive(index);
      } else if (item instanceof FlushRequest f) {
        flush();
        f.arrive(index);
      } else if (item instanceof CloseRequest c) {
        write(c.end);
        close();
        c.arrive(index);
        return false;
      }
      return true;
    }

    private void write(RunRecord r) {
      if (!failed) {
        try {
          sink.write(r);
        } catch (VirtualMachineError fatalError) {
          throw fatalError;
        } catch (Exception | Error e) {
          fail("writing", e);
        }
      }
    }

    private void flush() {
      if (!failed) {
        try {
          sink.flush();
        } catch (VirtualMachineError fatalError) {
          throw fatalError;
        } catch (Exception | Error e) {
          fail("flushing", e);
        }
      }
    }

    private void flushOnInterval() {
      if (!failed) {
        try {
          sink.flushOnInterval();
        } catch (VirtualMachineError fatalError) {
          throw fatalError;
        } catch (Exception | Error e) {
          fail("flushing", e);
        }
      }
    }

    private void close() {
      try {
        sink.close();
      } catch (VirtualMachineError fatalError) {
        throw fatalError;
      } catch (Exception | Error e) {
        if (!failed) {
          fail("closing", e);
        }
      }
    }

    private void fail(String doing, Throwable e) {
      failed = true;
      String message = "run '" + runName + "': " + doing + " " + sink.describe() + " failed: " + e;
      log.error("{}; this output stops here, what it wrote before stays readable", message);
      AsyncRecordWriter.this.fail(new IOException(message, e));
    }
  }
}
