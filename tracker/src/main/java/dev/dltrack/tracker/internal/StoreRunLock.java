package dev.dltrack.tracker.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dltrack.tracker.RunLockedException;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One writer per run on a store, where there are no file locks: a lock object {@code
 * .dltrack/<run>.lock} created only if absent ({@link LogStore#createIfAbsent}), naming its holder
 * and holding a lease. The holder renews the lease as it stores the run's files and checks before
 * each store that the lock is still its own, so a writer that lost it (its lease ran out and
 * another took it) stops instead of interleaving its files with the new writer's. A lock whose
 * lease ran out is taken over with {@link LogStore#replaceIf}, so of several takers one wins.
 *
 * <p>A writer that names an {@code owner} takes over a lock left by a writer of the same owner at
 * once, lease or not: a retried attempt of a task whose first attempt died (a Spark task of a
 * sweep), which replaces that attempt's files.
 */
public final class StoreRunLock implements AutoCloseable {
  /** How long a lock holds without renewal. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

  private final LogStore store;
  private final String key;
  private final String runName;
  private final String holder;
  private final String owner;
  private final InstantSource clock;
  private final Duration lease;
  private StoredObject mine;
  private Instant renewed;
  private boolean released;

  private StoreRunLock(
      LogStore store,
      String key,
      String runName,
      String holder,
      String owner,
      InstantSource clock,
      Duration lease) {
    this.store = store;
    this.key = key;
    this.runName = runName;
    this.holder = holder;
    this.owner = owner;
    this.clock = clock;
    this.lease = lease;
  }

  /** The key of run {@code runName}'s lock object. */
  public static String key(String runName) {
    return RunLock.DIRECTORY + "/" + runName + ".lock";
  }

  /**
   * Locks run {@code runName} on {@code store}.
   *
   * @param host this machine, for the holder's line
   * @param owner the logical writer (empty for none): a lock of the same owner is taken over
   * @throws RunLockedException if another writer holds the lock and its lease has not run out
   */
  public static StoreRunLock acquire(
      LogStore store,
      String runName,
      String host,
      String owner,
      InstantSource clock,
      Duration lease)
      throws IOException {
    String holder =
        String.format(
            Locale.ROOT,
            "host=%s pid=%d writer=%s",
            host,
            ProcessHandle.current().pid(),
            UUID.randomUUID().toString().substring(0, 8));
    StoreRunLock lock = new StoreRunLock(store, key(runName), runName, holder, owner, clock, lease);
    lock.take();
    return lock;
  }

  private void take() throws IOException {
    Instant now = clock.instant();
    byte[] content = content(now);
    Optional<StoredObject> current = Optional.empty();
    // twice: a lock released between a refused create and its stat is created again
    for (int attempt = 0; attempt < 2 && current.isEmpty(); attempt++) {
      if (store.createIfAbsent(key, content)) {
        mine = store.stat(key).orElseThrow(() -> lost("vanished right after it was created"));
        renewed = now;
        return;
      }
      current = store.stat(key);
    }
    if (current.isEmpty()) {
      throw refused("another writer is taking it right now", "");
    }
    Map<String, String> theirs = parse(store.read(key));
    Instant expires = expires(theirs);
    boolean sameOwner = !owner.isEmpty() && owner.equals(theirs.getOrDefault("owner", ""));
    if (!sameOwner && expires.isAfter(now)) {
      throw refused(
          "is being written by " + theirs.getOrDefault("holder", "an unnamed writer"),
          " (its lease runs until "
              + expires
              + "); wait for that writer to end, or if it is gone for good, delete "
              + store.uri()
              + "/"
              + key);
    }
    Optional<StoredObject> taken = store.replaceIf(current.get(), content);
    if (taken.isEmpty()) {
      throw refused("was just taken by another writer", "");
    }
    mine = taken.get();
    renewed = now;
  }

  /**
   * Checks that the lock is still this writer's, and renews the lease once half of it has passed.
   * Called before each store of the run's files.
   *
   * @throws IOException if another writer has taken the lock
   */
  public void confirm() throws IOException {
    Optional<StoredObject> current = store.stat(key);
    if (current.isEmpty() || !current.get().version().equals(mine.version())) {
      String by = current.isPresent() ? parse(store.read(key)).getOrDefault("holder", "?") : "";
      throw lost(current.isEmpty() ? "its lock was deleted" : "its lock was taken by " + by);
    }
    Instant now = clock.instant();
    if (Duration.between(renewed, now).compareTo(lease.dividedBy(2)) >= 0) {
      mine = store.replaceIf(mine, content(now)).orElseThrow(() -> lost("its lease was taken"));
      renewed = now;
    }
  }

  /** Deletes the lock object if it is still this writer's. */
  @Override
  public void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    Optional<StoredObject> current = store.stat(key);
    if (current.isPresent() && current.get().version().equals(mine.version())) {
      store.delete(List.of(key));
    }
  }

  private byte[] content(Instant now) {
    StringBuilder b = new StringBuilder();
    b.append("holder ").append(holder).append('\n');
    if (!owner.isEmpty()) {
      b.append("owner ").append(owner).append('\n');
    }
    b.append("renewed ").append(now).append('\n');
    b.append("expires ").append(now.plus(lease)).append('\n');
    return b.toString().getBytes(UTF_8);
  }

  private static Map<String, String> parse(byte[] content) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : new String(content, UTF_8).split("\n", -1)) {
      int space = line.indexOf(' ');
      if (space > 0) {
        fields.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return fields;
  }

  /** When the lease of a lock with these fields runs out; a lock that does not say, never. */
  private static Instant expires(Map<String, String> fields) {
    try {
      return Instant.parse(fields.getOrDefault("expires", ""));
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }

  private RunLockedException refused(String why, String advice) {
    return new RunLockedException("run '" + runName + "' on " + store.uri() + " " + why + advice);
  }

  private IOException lost(String why) {
    return new IOException(
        "run '"
            + runName
            + "' lost its lock on "
            + store.uri()
            + ": "
            + why
            + "; this writer stores nothing more, so that two writers never mix their files");
  }
}
