package dev.dltrack.tracker.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A short lock on one key, held while a conditional replace compares the key's version and renames
 * the new content over it: a file created with {@code overwrite=false}, which the NameNode lets
 * exactly one client create, and deleted when done. Held for two NameNode calls, so waiting for it
 * is a matter of milliseconds; a lock older than {@link #STALE_AFTER} was left by a process that
 * died holding it and is broken.
 */
final class ReplaceLock {
  /** How old a lock must be to be taken for one left by a dead process. */
  static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private static final long FIRST_WAIT_MILLIS = 2;
  private static final long LONGEST_WAIT_MILLIS = 100;

  private final FileSystem fs;
  private final Path file;

  private ReplaceLock(FileSystem fs, Path file) {
    this.fs = fs;
    this.file = file;
  }

  /** Takes the lock {@code file}, waiting while another holds it. */
  static ReplaceLock acquire(FileSystem fs, Path file) throws IOException {
    long wait = FIRST_WAIT_MILLIS;
    while (true) {
      if (tryCreate(fs, file)) {
        return new ReplaceLock(fs, file);
      }
      breakIfStale(fs, file);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for the lock " + file);
      }
      wait = Math.min(2 * wait, LONGEST_WAIT_MILLIS);
    }
  }

  private static boolean tryCreate(FileSystem fs, Path file) throws IOException {
    // empty: closing a file with no block is one NameNode call, while closing one with data
    // waits for the DataNode to report the block
    try {
      fs.create(file, false).close();
      return true;
    } catch (IOException e) {
      if (HadoopErrors.isAlreadyExists(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Removes a lock older than {@link #STALE_AFTER}. Two waiters may find the same stale lock; each
   * first renames it to a name of its own, which only one can do for that file, and deletes what it
   * renamed only if it is the stale file it saw (same version). Had the other waiter already broken
   * it and taken a fresh lock, the fresh one is renamed back.
   */
  private static void breakIfStale(FileSystem fs, Path file) throws IOException {
    Optional<FileStatus> seen = status(fs, file);
    if (seen.isEmpty()
        || System.currentTimeMillis() - seen.get().getModificationTime() < STALE_AFTER.toMillis()) {
      return;
    }
    Path aside = new Path(file.getParent(), file.getName() + ".stale-" + UUID.randomUUID());
    if (!fs.rename(file, aside)) {
      return; // gone meanwhile: broken by another waiter, or released
    }
    Optional<FileStatus> moved = status(fs, aside);
    if (moved.isPresent() && Versions.of(moved.get()).equals(Versions.of(seen.get()))) {
      fs.delete(aside, false);
    } else if (!fs.rename(aside, file)) {
      fs.delete(aside, false); // its holder's release will find it gone, which is harmless
    }
  }

  private static Optional<FileStatus> status(FileSystem fs, Path file) throws IOException {
    try {
      return Optional.of(fs.getFileStatus(file));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Releases the lock. */
  void release() throws IOException {
    fs.delete(file, false);
  }
}
