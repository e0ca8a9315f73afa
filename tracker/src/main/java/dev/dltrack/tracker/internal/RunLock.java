package dev.dltrack.tracker.internal;

import dev.dltrack.tracker.RunLockedException;
import dev.dltrack.tracker.read.LogRootLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a run: an exclusive lock on {@code <logRoot>/.dltrack/<run>.lock}, held from
 * {@code open()} to {@code close()}, so that every other writer of the same run (another thread of
 * this JVM, another process, another host on a shared file system whose locks work) is refused at
 * once with a message naming the holder, before it has touched anything.
 *
 * <p><b>Why the lock file is outside the run's directory, and never deleted.</b> A lock protects
 * the file it is taken on, not the file's name: a writer that deletes the lock file (or the
 * directory holding it) while another has it open lets a third writer create a new file under the
 * same name and lock that, and two writers then both believe they hold the run. With the lock
 * outside the directory, a failed open can remove the run directory it created, holding the lock
 * while it does, and the lock file's name keeps meaning one file for good.
 *
 * <p><b>Why this JVM keeps a table of the locks it holds.</b> The locks are POSIX record locks
 * ({@code fcntl}), which belong to the process, and closing <em>any</em> descriptor of the file
 * releases them: a second thread that merely opened the lock file to try it, and closed it on being
 * refused, would silently release the first thread's lock. So a run already open in this JVM is
 * refused from the table, without opening the file.
 *
 * <p>The lock file holds the holder's host, pid and start time as text, for the refusal's message.
 * The operating system releases the lock when the holder dies, even by {@code kill -9}.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunLock.class);

  /** The hidden directory of lock files in a log root; readers ignore it. */
  public static final String DIRECTORY = LogRootLayout.PRIVATE_DIRECTORY;

  private static final String SUFFIX = ".lock";

  /** How long a refused racer waits for the holder's line (see {@link #holder}). */
  private static final long HOLDER_WAIT_NANOS = 500_000_000L;

  /** The lock files this JVM holds, by real path. Guarded by itself. */
  private static final Map<Path, RunLock> HELD = new HashMap<>();

  /**
   * Channels to lock files that another copy of this class (another class loader) holds: closing
   * them would release that copy's lock, so they stay open. Guarded by {@link #HELD}.
   */
  private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

  private final Path key;
  private final String holder;
  private FileChannel channel;
  private FileLock lock;

  private RunLock(Path key, String holder, FileChannel channel, FileLock lock) {
    this.key = key;
    this.holder = holder;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of run {@code runName} in {@code logRoot}. */
  public static Path file(Path logRoot, String runName) {
    return logRoot.resolve(DIRECTORY).resolve(runName + SUFFIX);
  }

  /**
   * Locks the run {@code runName} of {@code logRoot}, creating the lock file (and the log root) if
   * needed.
   *
   * @throws RunLockedException if another writer holds it; nothing has been changed then
   */
  public static RunLock acquire(Path logRoot, String runName, String host, Instant now)
      throws IOException {
    Path file = file(logRoot, runName);
    Files.createDirectories(file.getParent());
    Path key = file.getParent().toRealPath().resolve(file.getFileName());
    String holder =
        String.format(
            Locale.ROOT, "host=%s pid=%d since=%s", host, ProcessHandle.current().pid(), now);
    synchronized (HELD) {
      RunLock mine = HELD.get(key);
      if (mine != null) {
        throw refused(
            runName, logRoot, "is already open in this process", mine.holder, "close it first");
      }
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException otherCopy) {
        KEPT_OPEN.add(channel);
        throw refused(
            runName,
            logRoot,
            "is already open in this process (by another class loader)",
            "holder in this JVM",
            "close it first");
      } catch (IOException unsupported) {
        // some network file systems have no locks ("No locks available"): writing the run matters
        // more than guarding it, so go on guarded within this JVM only, and say so
        channel.close();
        log.warn(
            "run '{}': {} cannot be locked ({}); a second writer of this run in another process"
                + " would not be stopped",
            runName,
            file,
            unsupported.toString());
        RunLock unguarded = new RunLock(key, holder, null, null);
        HELD.put(key, unguarded);
        return unguarded;
      } catch (RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        String other = holder(channel);
        channel.close(); // safe: this JVM holds no lock on this file (see HELD)
        throw refused(
            runName, logRoot, "is being written by another process", other, "wait for it to end");
      }
      try {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      } catch (IOException e) {
        lock.release();
        channel.close();
        throw e;
      }
      RunLock acquired = new RunLock(key, holder, channel, lock);
      HELD.put(key, acquired);
      return acquired;
    }
  }

  private static RunLockedException refused(
      String runName, Path logRoot, String state, String holder, String advice) {
    return new RunLockedException(
        String.format(
            Locale.ROOT,
            "run '%s' in %s %s (%s); %s, or give this run another name",
            runName,
            logRoot.resolve(runName),
            state,
            holder,
            advice));
  }

  /**
   * The holder's line from the lock file. The holder writes it just after it has the lock (and
   * empties the file before it lets go), so a racer refused in between finds the file empty or the
   * line half written: it waits a moment for the whole line.
   */
  private static String holder(FileChannel channel) {
    long deadline = System.nanoTime() + HOLDER_WAIT_NANOS;
    String text = "";
    try {
      while (true) {
        ByteBuffer b = ByteBuffer.allocate(512);
        channel.read(b, 0);
        text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        if (text.endsWith("\n") || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(2);
      }
    } catch (IOException e) {
      return "holder unknown: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    text = text.strip();
    return text.isEmpty() ? "holder unknown" : text;
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() {
    synchronized (HELD) {
      HELD.remove(key, this);
      if (channel == null) {
        return;
      }
      try {
        if (lock.isValid()) {
          channel.truncate(0); // so that no racer takes this line for the next holder's
          lock.release();
        }
        channel.close();
      } catch (IOException e) {
        // the channel is gone either way, and with it the lock
      }
      channel = null;
      lock = null;
    }
  }
}
