package dev.dltrack.tracker.internal;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>A store that fails leaves the spool and what is already stored as they are: nothing is marked
 * sent that was not, so the next flush sends it again. At the end the spool is deleted once the
 * store holds everything, and kept (the error names it) when it does not.
 */
public final class StorePublisher implements FlushHook {
  private static final Logger log = LoggerFactory.getLogger(StorePublisher.class);

  /** Threads that upload files, shared by every run of the JVM; they end when idle. */
  private static final ExecutorService UPLOADS = uploadThreads();

  private final LogStore store;

  /** Files uploaded at once (per JVM). */
  private static final int UPLOAD_THREADS = 4;

  private final String runName;
  private final Path spool;
  private final StoreRunLock lock;

  /** What has been sent of each file; files are sent in parallel, each by one thread. */
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();

  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong objectsSent = new AtomicLong();
  private boolean closed;

  /** What has been sent of one file. */
  private static final class Sent {
    Object identity;
    long length;
    FileTime modified;
    int parts;
  }

  /**
   * @param spool the run's local directory, {@code <spoolRoot>/<runName>}
   * @param lock the run's lock on the store, confirmed before each store
   */
  public StorePublisher(LogStore store, String runName, Path spool, StoreRunLock lock) {
    this.store = store;
    this.runName = runName;
    this.spool = spool;
    this.lock = lock;
  }

  /** Where the run lies on the store: {@code <store root>/<run>}. */
  public String location() {
    return store.uri().toString().replaceAll("/+$", "") + "/" + runName;
  }

  /** Bytes sent to the store so far. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Objects written (or appends made) so far. */
  public long objectsSent() {
    return objectsSent.get();
  }

  /**
   * Copies the run's files from the store into the spool and counts them as sent, for a run that is
   * resumed.
   */
  public synchronized void download() throws IOException {
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

  @Override
  public void afterFlush(boolean onInterval) throws IOException {
    publish();
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
      publish0();
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

  /** Sends what changed in the spool since the last call. */
  public synchronized void publish() throws IOException {
    if (closed) {
      return;
    }
    publish0();
  }

  private void publish0() throws IOException {
    try {
      lock.confirm();
      Map<String, Path> present = spoolFiles();
      sendAll(present);
      for (String gone : new ArrayList<>(sent.keySet())) {
        if (!present.containsKey(gone)) {
          deleteFromStore(gone, sent.remove(gone));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new IOException(
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
  }

  /**
   * Sends every file's changes, several files at once: a flush of a busy run sends megabytes per
   * file (the event file, the history, the transaction log), and an object store takes parallel
   * uploads about as fast as one each. Each file is sent by one thread, its parts in order.
   */
  private void sendAll(Map<String, Path> files) throws IOException {
    List<Map.Entry<String, Path>> all = new ArrayList<>(files.entrySet());
    if (all.size() <= 1) {
      for (Map.Entry<String, Path> f : all) {
        send(f.getKey(), f.getValue());
      }
      return;
    }
    List<Future<?>> sending = new ArrayList<>();
    for (Map.Entry<String, Path> f : all) {
      sending.add(
          UPLOADS.submit(
              () -> {
                send(f.getKey(), f.getValue());
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

  private void send(String relative, Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException gone) {
      return; // deleted while walking; the next flush deletes it from the store
    }
    Sent s = sent.get(relative);
    Object identity = identity(a);
    long length = a.size();
    String key = runName + "/" + relative;
    if (s != null
        && Objects.equals(s.identity, identity)
        && length == s.length
        && a.lastModifiedTime().equals(s.modified)) {
      return; // unchanged
    }
    if (s != null && Objects.equals(s.identity, identity) && length > s.length) {
      byte[] added = read(file, s.length, length);
      if (store.canAppend()) {
        store.append(key, added, 0, added.length);
      } else {
        store.put(StoreLayout.partKey(key, s.parts + 1), added, 0, added.length);
        s.parts++;
      }
      count(added.length);
    } else {
      // new, or replaced: sent whole; parts of an earlier version go first, so that a reader in
      // between sees the old file's start and never a new start followed by old parts
      if (s != null && s.parts > 0) {
        store.delete(partKeys(key, s.parts));
      }
      byte[] whole = read(file, 0, length);
      store.put(key, whole, 0, whole.length);
      count(whole.length);
      s = new Sent();
      sent.put(relative, s);
    }
    s.identity = identity;
    s.length = length;
    s.modified = a.lastModifiedTime();
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

  private void count(int bytes) {
    bytesSent.addAndGet(bytes);
    objectsSent.incrementAndGet();
  }

  private static ExecutorService uploadThreads() {
    AtomicLong n = new AtomicLong();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            UPLOAD_THREADS,
            UPLOAD_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "dltrack-upload-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** What tells a file from another written under its name: the inode where there is one. */
  private static Object identity(BasicFileAttributes a) {
    Object key = a.fileKey();
    return key != null ? key : a.creationTime();
  }

  private static byte[] read(Path file, long from, long to) throws IOException {
    long n = to - from;
    if (n > Integer.MAX_VALUE - 16) {
      throw new IOException(file + " grew by " + n + " bytes between two flushes; at most 2 GB");
    }
    byte[] bytes = new byte[(int) n];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          throw new IOException(file + " is shorter than " + to + " bytes");
        }
      }
    }
    return bytes;
  }
}
