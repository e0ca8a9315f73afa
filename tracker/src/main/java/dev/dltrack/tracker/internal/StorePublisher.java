package dev.dltrack.tracker.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.dltrack.tracker.storage.FileRange;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a run written to a local spool directory on a {@link LogStore}, at every flush of the run
 * (as the run's {@link FlushHook}, so that every sink's files are at rest). What a flush sends is
 * what changed since the last: a file that grew in place sends only its new bytes, appended where
 * the store can append and as the file's next part ({@link StoreLayout}) where it cannot; a file
 * that was replaced (written anew and renamed over, as summaries and side files are) is sent whole;
 * a file deleted from the spool is deleted from the store. So the bytes sent stay close to the
 * bytes written, and every object holds complete records: the sinks write whole records by their
 * flush.
 *
 * <p>At rest the hook only takes a snapshot: each changed file's length, and the file itself kept
 * open (a file replaced later by a rename stays readable as it was). The bytes are sent from that
 * snapshot, so the sinks write on while a flush on the interval is stored in the background, as
 * OpenTelemetry's batch exporters do; {@code flush()} and the close wait for theirs. One snapshot
 * is stored at a time: the next waits for the one before, which holds the writer back when the
 * store is slower than the run. Besides the interval, the writer flushes when {@link #flushBytes}
 * are waiting to be stored, so that a run that logs fast sends as it goes instead of all at the
 * close.
 *
 * <p>A store that fails leaves the spool and what is already stored as they are: nothing is marked
 * sent that was not, so the next flush sends it again. At the end the spool is deleted once the
 * store holds everything, and kept (the error names it) when it does not.
 */
public final class StorePublisher implements FlushHook {
  private static final Logger log = LoggerFactory.getLogger(StorePublisher.class);

  /** Files uploaded at once (per JVM). */
  private static final int UPLOAD_THREADS = 4;

  /** Threads that upload files, shared by every run of the JVM; they end when idle. */
  private static final ExecutorService UPLOADS = uploadThreads();

  /**
   * Threads that store a run's snapshot in the background, one per run at a time; apart from {@link
   * #UPLOADS}, whose threads they wait for.
   */
  private static final ExecutorService STORING =
      Executors.newCachedThreadPool(daemons("dltrack-store-%d"));

  private final LogStore store;
  private final String runName;
  private final Path spool;
  private final StoreRunLock lock;
  private final long flushBytes;

  /**
   * What has been sent of each file. Changed only by the storing of a snapshot, of which one runs
   * at a time; the next snapshot is taken after it ends.
   */
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();

  /**
   * The files that grow: those of the first snapshot (the formats' logs, created at the open; a
   * resumed run's downloaded files are not) and any that grew since. {@link #flushDue} looks at
   * these only, not at the thousands of side files a run may have, since it is asked many times a
   * second.
   */
  private final Set<String> growing = ConcurrentHashMap.newKeySet();

  private boolean snapshotTaken;

  /** The snapshot being stored in the background, or null; used by the writer's thread only. */
  private Future<?> storing;

  private boolean closed;

  /** What has been sent of one file. */
  private static final class Sent {
    Object identity;
    long length;
    FileTime modified;
    int parts;
  }

  /**
   * Changes of up to this many bytes are read at rest; larger ones are read from the file kept
   * open. A run may have thousands of small side files (W&B's sprites), which must not each hold a
   * file descriptor until they are sent.
   */
  private static final int READ_AT_REST = 1 << 20;

  /**
   * What a flush sends of one file: its bytes {@code [from, to)} as they were at rest (appended
   * when {@code grown}, else the whole file), read already or from the file kept open; or, with
   * neither, the file's deletion from the store.
   */
  private record Change(
      String relative,
      boolean grown,
      FileChannel channel,
      byte[] bytes,
      long from,
      long to,
      Object identity,
      FileTime modified) {
    static Change deletion(String relative) {
      return new Change(relative, false, null, null, 0, 0, null, null);
    }

    boolean isDeletion() {
      return channel == null && bytes == null;
    }
  }

  /**
   * @param spool the run's local directory, {@code <spoolRoot>/<runName>}
   * @param lock the run's lock on the store, confirmed before each store
   * @param flushBytes how many bytes waiting to be stored make the writer flush before its interval
   */
  public StorePublisher(
      LogStore store, String runName, Path spool, StoreRunLock lock, long flushBytes) {
    checkArgument(flushBytes > 0, "flushBytes must be positive: %s", flushBytes);
    this.store = store;
    this.runName = runName;
    this.spool = spool;
    this.lock = lock;
    this.flushBytes = flushBytes;
  }

  /** Where the run lies on the store: {@code <store root>/<run>}. */
  public String location() {
    return store.uri().toString().replaceAll("/+$", "") + "/" + runName;
  }

  /**
   * Copies the run's files from the store into the spool and counts them as sent, for a run that is
   * resumed.
   */
  public synchronized void download() throws IOException {
    snapshotTaken = true;
    Map<String, List<StoredObject>> files = StoreLayout.download(store, runName + "/", spool);
    for (Map.Entry<String, List<StoredObject>> f : files.entrySet()) {
      Path p = spool.resolve(f.getKey());
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      Sent s = new Sent();
      s.identity = identity(a);
      s.length = a.size();
      s.modified = a.lastModifiedTime();
      s.parts = f.getValue().stream().mapToInt(StoreLayout::partNumber).max().orElse(0);
      sent.put(f.getKey(), s);
    }
  }

  /**
   * Whether {@link #flushBytes} or more wait to be stored while nothing is being stored: the writer
   * then flushes before its interval.
   */
  @Override
  public synchronized boolean flushDue() throws IOException {
    if (closed || (storing != null && !storing.isDone())) {
      return false;
    }
    long waiting = 0;
    for (String relative : growing) {
      Sent s = sent.get(relative);
      long size;
      try {
        size = Files.size(spool.resolve(relative));
      } catch (NoSuchFileException gone) {
        continue;
      }
      waiting += s == null || size < s.length ? size : size - s.length;
    }
    return waiting >= flushBytes;
  }

  /**
   * Takes the snapshot; stores it in the background for a flush on the interval (or by size), and
   * before returning for {@code flush()}.
   */
  @Override
  public synchronized void afterFlush(boolean onInterval) throws IOException {
    if (closed) {
      return;
    }
    awaitStoring();
    List<Change> changes = snapshot();
    if (onInterval) {
      storing =
          STORING.submit(
              () -> {
                try {
                  store(changes);
                } catch (IOException e) {
                  log.warn("run '{}': {}", runName, e.getMessage());
                }
                return null;
              });
    } else {
      store(changes);
    }
  }

  /** Sends the last changes, releases the lock and the store, and deletes the spool. */
  @Override
  public synchronized void afterClose() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (store;
        lock) {
      awaitStoring();
      store(snapshot());
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; the whole run is kept in " + spool, e);
    }
    try {
      MoreFiles.deleteRecursively(spool.getParent(), RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      log.warn(
          "run '{}' is stored; its local spool {} could not be deleted: {}", runName, spool, e);
    }
  }

  /** Sends what changed in the spool since the last call, before returning. */
  public synchronized void publish() throws IOException {
    if (closed) {
      return;
    }
    awaitStoring();
    store(snapshot());
  }

  /**
   * Waits for the snapshot stored in the background: what it failed to store (it logged why) is in
   * the next snapshot again.
   */
  private void awaitStoring() throws IOException {
    if (storing == null) {
      return;
    }
    try {
      storing.get();
    } catch (ExecutionException e) {
      log.warn("run '{}': storing a flush failed", runName, e.getCause());
    } catch (InterruptedException e) {
      // still under way: kept, so that no other snapshot is taken or stored beside it
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing run '" + runName + "'");
    }
    storing = null;
  }

  /**
   * What changed since the last stored snapshot, every changed file kept open as it is now. Called
   * with every sink at rest.
   */
  private List<Change> snapshot() throws IOException {
    Map<String, Path> present;
    try {
      present = spoolFiles();
    } catch (IOException | UncheckedIOException e) {
      throw failed(e);
    }
    if (!snapshotTaken) {
      snapshotTaken = true;
      growing.addAll(present.keySet());
    }
    List<Change> changes = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> f : present.entrySet()) {
        Change c = change(f.getKey(), f.getValue());
        if (c != null) {
          changes.add(c);
        }
      }
    } catch (IOException e) {
      closeAll(changes, e);
      throw failed(e);
    }
    for (String gone : sent.keySet()) {
      if (!present.containsKey(gone)) {
        changes.add(Change.deletion(gone));
      }
    }
    return changes;
  }

  /** The change of one file since it was last sent, or null when it is unchanged. */
  private Change change(String relative, Path file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException gone) {
      return null; // deleted while walking; the next flush deletes it from the store
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      Object identity = identity(a);
      long length = channel.size();
      Sent s = sent.get(relative);
      if (s != null
          && Objects.equals(s.identity, identity)
          && length == s.length
          && a.lastModifiedTime().equals(s.modified)) {
        channel.close();
        return null;
      }
      boolean grown = s != null && Objects.equals(s.identity, identity) && length > s.length;
      long from = grown ? s.length : 0;
      if (length - from <= READ_AT_REST) {
        byte[] bytes = new FileRange(channel, from, length - from).read();
        channel.close();
        return new Change(
            relative, grown, null, bytes, from, length, identity, a.lastModifiedTime());
      }
      return new Change(
          relative, grown, channel, null, from, length, identity, a.lastModifiedTime());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Stores a snapshot: every file's change, several files at once, then the deletions. */
  private void store(List<Change> changes) throws IOException {
    try {
      lock.confirm();
      sendAll(changes.stream().filter(c -> !c.isDeletion()).toList());
      for (Change c : changes) {
        if (c.isDeletion()) {
          deleteFromStore(c.relative(), sent.get(c.relative()));
          sent.remove(c.relative());
          growing.remove(c.relative());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw failed(e);
    } finally {
      closeAll(changes, null);
    }
  }

  private IOException failed(Exception e) {
    return new IOException(
        "storing run '"
            + runName
            + "' at "
            + location()
            + " failed: "
            + (e instanceof UncheckedIOException u ? u.getCause() : e).getMessage()
            + "; what was stored before stays readable, and the rest is sent again at the next"
            + " flush",
        e);
  }

  private static void closeAll(List<Change> changes, Exception failure) {
    for (Change c : changes) {
      if (c.channel() != null) {
        try {
          c.channel().close();
        } catch (IOException e) {
          if (failure != null) {
            failure.addSuppressed(e);
          }
        }
      }
    }
  }

  /**
   * Sends every file's change, several files at once: a flush of a busy run sends megabytes per
   * file (the event file, the history, the transaction log), and an object store takes parallel
   * uploads about as fast as one each. Each file is sent by one thread, its parts in order.
   */
  private void sendAll(List<Change> changes) throws IOException {
    if (changes.size() <= 1) {
      for (Change c : changes) {
        send(c);
      }
      return;
    }
    List<Future<?>> sending = new ArrayList<>();
    for (Change c : changes) {
      sending.add(
          UPLOADS.submit(
              () -> {
                send(c);
                return null;
              }));
    }
    IOException failure = null;
    for (Future<?> f : sending) {
      try {
        f.get();
      } catch (ExecutionException e) {
        IOException cause =
            e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while storing run '" + runName + "'");
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The spool's files by key below the run, skipping hidden files (a writer's temporary ones). */
  private Map<String, Path> spoolFiles() throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(spool)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) {
          continue;
        }
        files.put(spool.relativize(p).toString().replace('\\', '/'), p);
      }
    }
    return files;
  }

  private void send(Change c) throws IOException {
    String key = runName + "/" + c.relative();
    Sent s = sent.get(c.relative());
    if (c.grown()) {
      growing.add(c.relative());
      if (store.canAppend()) {
        append(key, c);
      } else {
        put(StoreLayout.partKey(key, s.parts + 1), c);
        s.parts++;
      }
    } else {
      // new, or replaced: sent whole; parts of an earlier version go first, so that a reader in
      // between sees the old file's start and never a new start followed by old parts
      if (s != null && s.parts > 0) {
        store.delete(partKeys(key, s.parts));
      }
      put(key, c);
      s = new Sent();
      sent.put(c.relative(), s);
    }
    s.identity = c.identity();
    s.length = c.to();
    s.modified = c.modified();
  }

  private void put(String key, Change c) throws IOException {
    if (c.bytes() != null) {
      store.put(key, c.bytes(), 0, c.bytes().length);
    } else {
      store.put(key, new FileRange(c.channel(), c.from(), c.to() - c.from()));
    }
  }

  private void append(String key, Change c) throws IOException {
    if (c.bytes() != null) {
      store.append(key, c.bytes(), 0, c.bytes().length);
    } else {
      store.append(key, new FileRange(c.channel(), c.from(), c.to() - c.from()));
    }
  }

  private void deleteFromStore(String relative, Sent s) throws IOException {
    String key = runName + "/" + relative;
    List<String> keys = new ArrayList<>(partKeys(key, s.parts));
    keys.add(key);
    store.delete(keys);
  }

  private static List<String> partKeys(String key, int parts) {
    List<String> keys = new ArrayList<>();
    for (int i = 1; i <= parts; i++) {
      keys.add(StoreLayout.partKey(key, i));
    }
    return keys;
  }

  private static ExecutorService uploadThreads() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            UPLOAD_THREADS,
            UPLOAD_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemons("dltrack-upload-%d"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemons(String nameFormat) {
    return new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(true).build();
  }

  /** What tells a file from another written under its name: the inode where there is one. */
  private static Object identity(BasicFileAttributes a) {
    Object key = a.fileKey();
    return key != null ? key : a.creationTime();
  }
}
