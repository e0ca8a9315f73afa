package dev.dltrack.tracker.internal;

import dev.dltrack.tracker.RunLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * The one writer of a run directory: an exclusive lock on {@value #FILE} in it, held from {@code
 * open()} to {@code close()}, so that a second writer of the same run (another thread of this
 * JVM, another process, another host on a shared file system that supports locks) fails at once
 * with a message naming the holder instead of interleaving its files with the first.
 *
 * <p>The lock file holds the holder's host, pid and start time as text, for that message. It is
 * never deleted: deleting it would let a third writer lock a new file while a second still holds
 * the old one. The operating system releases the lock when the holder dies, even by {@code kill
 * -9}.
 */
public final class RunDirectoryLock implements AutoCloseable {
  /** The lock file's name in the run directory; readers ignore it. */
  public static final String FILE = ".dltrack.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist) for the run {@code runName}.
   *
   * @throws RunLockedException if another writer holds it
   */
  public static RunDirectoryLock acquire(Path dir, String runName, String host, Instant now)
      throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException thisJvm) {
      throw refused(channel, runName, dir, "is already open in this process", "close it first");
    } catch (IOException unsupported) {
      // some network file systems have no locks ("No locks available"): writing the run matters
      // more than guarding it, so go on unguarded, and say so
      channel.close();
      org.slf4j.LoggerFactory.getLogger(RunDirectoryLock.class)
          .warn(
              "run '{}': {} cannot be locked ({}); a second writer of this run would not be"
                  + " stopped",
              runName,
              file,
              unsupported.toString());
      return new RunDirectoryLock(null, null);
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      throw refused(
          channel, runName, dir, "is being written by another process", "wait for it to end");
    }
    try {
      byte[] text =
          String.format(
                  Locale.ROOT,
                  "host=%s pid=%d since=%s%n",
                  host,
                  ProcessHandle.current().pid(),
                  now)
              .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text), 0);
    } catch (IOException e) {
      lock.release();
      channel.close();
      throw e;
    }
    return new RunDirectoryLock(channel, lock);
  }

  /** Closes the channel and says who holds the run, and what to do. */
  private static RunLockedException refused(
      FileChannel channel, String runName, Path dir, String state, String advice)
      throws IOException {
    String holder = holder(channel);
    channel.close();
    return new RunLockedException(
        String.format(
            Locale.ROOT,
            "run '%s' in %s %s (%s); %s, or give this run another name",
            runName,
            dir,
            state,
            holder,
            advice));
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(512);
      channel.read(b, 0);
      String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "holder unknown" : text;
    } catch (IOException e) {
      return "holder unknown: " + e.getMessage();
    }
  }

  /** Whether {@code name} is the lock file, which is no part of the run's data. */
  public static boolean isLockFile(Path p) {
    return p.getFileName().toString().equals(FILE);
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      // the channel is gone either way, and with it the lock
    }
  }
}
