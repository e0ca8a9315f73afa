package dev.dltrack.tracker.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A log root that is not a local directory: a bucket prefix on an S3-compatible store, a directory
 * on HDFS. Keys are '/'-separated paths relative to {@link #uri()}, such as {@code
 * run-1/events.out.tfevents.1700000000.host.42.0}; they never start or end with '/'.
 *
 * <p>Runs write to a local spool and publish to the store at every flush: a file that grew is sent
 * as its new bytes only, appended where the store can append ({@link #canAppend()}, HDFS) or as a
 * new object beside the earlier ones where it cannot (object stores). Every method is safe to call
 * from several threads. Methods retry transient failures (throttling, dropped connections) with
 * backoff themselves; an {@link IOException} they throw names the URI and is final.
 */
public interface LogStore extends Closeable {
  /** The store's root, as given: {@code s3://bucket/logs}, {@code hdfs://namenode:8020/logs}. */
  URI uri();

  /**
   * Checks that the root can be written: the bucket exists, the credentials are accepted, the
   * endpoint answers. Called when a run opens, so that a wrong URI fails there and not at the first
   * flush.
   *
   * @throws IOException naming the URI and what to check
   */
  void check() throws IOException;

  /** Whether {@link #append} is supported: true for file systems, false for object stores. */
  boolean canAppend();

  /**
   * Stores {@code bytes[offset, offset+length)} as the whole object {@code key}, replacing any
   * object of that key. Readers see the old object or the new one, never a part.
   */
  void put(String key, byte[] bytes, int offset, int length) throws IOException;

  /**
   * Appends {@code bytes[offset, offset+length)} to the file {@code key}, creating it when absent,
   * and returns once readers can see them (HDFS: {@code hflush}).
   *
   * @throws UnsupportedOperationException if {@link #canAppend()} is false
   */
  void append(String key, byte[] bytes, int offset, int length) throws IOException;

  /**
   * Stores the bytes of {@code range} as the whole object {@code key}, as {@link #put(String,
   * byte[], int, int)} does. A run's flush sends its files' changes with this, straight from the
   * local files; this default reads them into memory first, a store that can stream them overrides
   * it.
   */
  default void put(String key, FileRange range) throws IOException {
    byte[] bytes = range.read();
    put(key, bytes, 0, bytes.length);
  }

  /**
   * Appends the bytes of {@code range} to the file {@code key}, as {@link #append(String, byte[],
   * int, int)} does; this default reads them into memory first.
   *
   * @throws UnsupportedOperationException if {@link #canAppend()} is false
   */
  default void append(String key, FileRange range) throws IOException {
    byte[] bytes = range.read();
    append(key, bytes, 0, bytes.length);
  }

  /**
   * Every object whose key starts with {@code prefix} (at any depth), sorted by key. An empty
   * prefix lists the whole root; a missing root lists nothing.
   */
  List<StoredObject> list(String prefix) throws IOException;

  /** The object {@code key}, or empty when there is none. */
  Optional<StoredObject> stat(String key) throws IOException;

  /**
   * Reads the object {@code key} from byte {@code offset} on.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such object
   */
  InputStream open(String key, long offset) throws IOException;

  /** Reads the whole object {@code key}. */
  default byte[] read(String key) throws IOException {
    try (InputStream in = open(key, 0)) {
      return in.readAllBytes();
    }
  }

  /** Deletes these objects; keys that do not exist are skipped. */
  void delete(Collection<String> keys) throws IOException;

  /**
   * Creates the object {@code key} holding {@code content} only if no object of that key exists,
   * atomically: of several callers at once exactly one gets true. Locks are built on it.
   *
   * @return true if this call created the object, false if it existed
   */
  boolean createIfAbsent(String key, byte[] content) throws IOException;

  /**
   * Replaces the object {@code key} with {@code content} only if it is still at {@code expected}'s
   * version, atomically with respect to other calls of this method and {@link #createIfAbsent}.
   *
   * @return the new version, or empty when the object was changed or deleted in between
   */
  Optional<StoredObject> replaceIf(StoredObject expected, byte[] content) throws IOException;

  /** Releases the store's clients and connections. */
  @Override
  void close() throws IOException;
}
