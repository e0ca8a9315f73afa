package dev.dltrack.tracker.hadoop;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import com.google.common.io.Closer;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * A log root on a Hadoop {@link FileSystem}: HDFS, or any file system Hadoop is configured for. It
 * has a file system client of its own ({@link FileSystem#newInstance}), not Hadoop's shared cached
 * one, so that closing the store closes nothing another part of the program uses.
 *
 * <p>On HDFS every write is atomic for readers: {@link #put} and {@link #replaceIf} write a
 * temporary file beside the object and rename it over the object in one NameNode call; {@link
 * #createIfAbsent} renames it only if no object exists, also in one call. Appends keep the file's
 * stream open between calls (HDFS's single-writer lease) and sync each one to disk. On other file
 * systems, replacing is a delete followed by a rename, and creating is a create that fails if the
 * file exists; how atomic these are is up to the file system's connector.
 */
public final class HadoopLogStore implements LogStore {
  /** Object stores whose connectors cannot append, or only by rewriting the object. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "gs");

  /** How long {@link #check} waits for a server to accept a connection. */
  static final int CHECK_CONNECT_TIMEOUT_MILLIS = 5_000;

  private final URI uri;
  private final Configuration conf;
  private final FileSystem fs;
  private final KeyPaths paths;
  private final Appenders appenders;
  private final boolean canAppend;
  private final UserGroupInformation user;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Opens the store whose root is {@code uri} with this Hadoop configuration, without contacting
   * the file system's servers.
   *
   * @param uri the log root: {@code hdfs://namenode:8020/logs}, {@code viewfs://cluster/logs}...
   * @param conf the Hadoop configuration, copied
   * @throws IOException if no file system serves the URI's scheme, naming the URI
   */
  public HadoopLogStore(URI uri, Configuration conf) throws IOException {
    this.uri = requireNonNull(uri, "uri");
    this.conf = new Configuration(requireNonNull(conf, "conf"));
    Preconditions.checkArgument(uri.getScheme() != null, "log root has no scheme: %s", uri);
    this.user = UserGroupInformation.getCurrentUser(); // the user the store writes as
    try {
      this.fs = FileSystem.newInstance(uri, this.conf);
    } catch (IOException e) {
      throw HadoopErrors.failed("opening the file system", uri, e);
    } catch (IllegalArgumentException e) { // an unknown host, in the client's constructor
      throw new IllegalArgumentException(
          "cannot open the log root " + uri + ": " + e.getMessage(), e);
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    this.paths = new KeyPaths(fs.makeQualified(new Path(path)));
    this.appenders = new Appenders(fs);
    this.canAppend = appendable(fs, paths.root(), uri.getScheme().toLowerCase(Locale.ROOT));
  }

  private static boolean appendable(FileSystem fs, Path root, String scheme) {
    if (OBJECT_STORES.contains(scheme)) {
      return false;
    }
    try {
      return fs.hasPathCapability(root, CommonPathCapabilities.FS_APPEND);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public URI uri() {
    return uri;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Creates the root directory if it is missing, then writes and deletes a probe file in it, as
   * the user the store was opened by. It uses a client of its own that gives up on a refused
   * connection after one retry and on a server that does not answer after {@value
   * #CHECK_CONNECT_TIMEOUT_MILLIS} ms, instead of Hadoop's defaults (ten retries, and 45 tries of
   * 20 s: a quarter of an hour).
   */
  @Override
  public void check() throws IOException {
    checkOpen();
    Configuration fast = failFast(conf);
    try (FileSystem probing = asStoreUser(() -> FileSystem.newInstance(uri, fast))) {
      if (!probing.mkdirs(paths.root())) {
        throw new IOException("mkdirs returned false for " + paths.root());
      }
      Path probe = paths.temporary("dltrack-check");
      try (FSDataOutputStream out = probing.create(probe, false)) {
        out.write(1);
      }
      probing.delete(probe, false);
    } catch (IOException e) {
      throw HadoopErrors.checkFailed(uri, user.getShortUserName(), e);
    }
  }

  private <T> T asStoreUser(PrivilegedExceptionAction<T> action) throws IOException {
    try {
      return user.doAs(action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted checking " + uri);
    }
  }

  /** {@code conf} with connection retries and timeouts cut to seconds, for {@link #check}. */
  static Configuration failFast(Configuration conf) {
    Configuration fast = new Configuration(conf);
    fast.setInt("ipc.client.connect.max.retries", 1);
    fast.setInt("ipc.client.connect.retry.interval", 500);
    fast.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    fast.setInt("ipc.client.connect.timeout", CHECK_CONNECT_TIMEOUT_MILLIS);
    fast.setInt("ipc.client.rpc-timeout.ms", 2 * CHECK_CONNECT_TIMEOUT_MILLIS);
    // an HA pair: try each NameNode once or twice, not for a quarter of an hour
    fast.setInt("dfs.client.failover.max.attempts", 3);
    fast.setInt("dfs.client.failover.sleep.max.millis", 1_000);
    // the object stores' connectors retry too, with settings of their own
    fast.setInt("fs.s3a.attempts.maximum", 1);
    fast.setInt("fs.s3a.retry.limit", 1);
    fast.set("fs.s3a.connection.establish.timeout", CHECK_CONNECT_TIMEOUT_MILLIS + "ms");
    return fast;
  }

  @Override
  public boolean canAppend() {
    return canAppend;
  }

  @Override
  public void put(String key, byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    Path file = paths.path(key);
    try {
      appenders.closeStream(file);
      Path temporary = writeTemporary(key, bytes, offset, length);
      try {
        replace(temporary, file);
      } catch (IOException e) {
        deleteQuietly(temporary, e);
        throw e;
      }
    } catch (IOException e) {
      throw HadoopErrors.failed("put", file.toUri(), e);
    }
  }

  @Override
  public void append(String key, byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    if (!canAppend) {
      throw new UnsupportedOperationException(
          uri + " cannot append (" + fs.getScheme() + " has no append)");
    }
    Path file = paths.path(key);
    try {
      appenders.append(file, bytes, offset, length);
    } catch (IOException e) {
      throw HadoopErrors.failed("append", file.toUri(), e);
    }
  }

  @Override
  public List<StoredObject> list(String prefix) throws IOException {
    checkOpen();
    requireNonNull(prefix, "prefix");
    Preconditions.checkArgument(
        !prefix.startsWith("/"), "prefix must not start with '/': %s", prefix);
    int slash = prefix.lastIndexOf('/');
    Path directory = slash < 0 ? paths.root() : paths.path(prefix.substring(0, slash));
    List<StoredObject> objects = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(directory, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        if (KeyPaths.isInternal(file.getPath().getName())) {
          continue;
        }
        String key = paths.key(file.getPath());
        if (key.startsWith(prefix)) {
          objects.add(new StoredObject(key, file.getLen(), Versions.of(file)));
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw HadoopErrors.failed("list '" + prefix + "'", directory.toUri(), e);
    }
    objects.sort(Comparator.comparing(StoredObject::key));
    return objects;
  }

  @Override
  public Optional<StoredObject> stat(String key) throws IOException {
    checkOpen();
    Path file = paths.path(key);
    try {
      return status(file).map(s -> new StoredObject(key, s.getLen(), Versions.of(s)));
    } catch (IOException e) {
      throw HadoopErrors.failed("stat", file.toUri(), e);
    }
  }

  /** The status of {@code file}, or empty when there is no file (a directory is no object). */
  private Optional<FileStatus> status(Path file) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(file);
      return status.isFile() ? Optional.of(status) : Optional.empty();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(String key, long offset) throws IOException {
    checkOpen();
    Preconditions.checkArgument(offset >= 0, "offset must not be negative: %s", offset);
    Path file = paths.path(key);
    FSDataInputStream in;
    try {
      in = fs.open(file);
    } catch (FileNotFoundException e) {
      throw HadoopErrors.noSuchFile(file.toUri(), e);
    } catch (IOException e) {
      throw HadoopErrors.failed("open", file.toUri(), e);
    }
    if (offset > 0) {
      try {
        in.seek(offset);
      } catch (IOException e) {
        IOException failed = HadoopErrors.failed("seek to " + offset, file.toUri(), e);
        closeAfterFailure(in, failed);
        throw failed;
      }
    }
    return in;
  }

  private static void closeAfterFailure(InputStream in, IOException failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void delete(Collection<String> keys) throws IOException {
    checkOpen();
    for (String key : keys) {
      Path file = paths.path(key);
      try {
        appenders.closeStream(file);
        fs.delete(file, false);
      } catch (IOException e) {
        throw HadoopErrors.failed("delete", file.toUri(), e);
      }
    }
  }

  @Override
  public boolean createIfAbsent(String key, byte[] content) throws IOException {
    checkOpen();
    Path file = paths.path(key);
    try {
      if (fs instanceof DistributedFileSystem dfs) {
        // the content is written first, so that no reader ever sees the object empty
        Path temporary = writeTemporary(key, content, 0, content.length);
        try {
          dfs.rename(temporary, file, Options.Rename.NONE);
          return true;
        } catch (IOException e) {
          deleteQuietly(temporary, e);
          if (HadoopErrors.isAlreadyExists(e)) {
            return false;
          }
          throw e;
        }
      }
      try (FSDataOutputStream out = fs.create(file, false)) {
        out.write(content);
      }
      return true;
    } catch (IOException e) {
      if (HadoopErrors.isAlreadyExists(e)) {
        return false;
      }
      throw HadoopErrors.failed("createIfAbsent", file.toUri(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Safe because every conditional replace of a key holds the key's {@link ReplaceLock} (a file
   * only one client can create) while it compares the version and renames the new content over the
   * object: two replaces never interleave between compare and rename. A replace needs the object to
   * exist and the rename over it never removes it, so {@link #createIfAbsent} cannot create the key
   * meanwhile. On HDFS a new version is a new file (inode), so a version once replaced never comes
   * back.
   */
  @Override
  public Optional<StoredObject> replaceIf(StoredObject expected, byte[] content)
      throws IOException {
    checkOpen();
    requireNonNull(expected, "expected");
    String key = expected.key();
    Path file = paths.path(key);
    try {
      Path temporary = writeTemporary(key, content, 0, content.length);
      boolean renamed = false;
      try {
        ReplaceLock lock = ReplaceLock.acquire(fs, paths.replaceLock(key));
        try {
          Optional<FileStatus> current = status(file);
          if (current.isEmpty() || !Versions.of(current.get()).equals(expected.version())) {
            return Optional.empty();
          }
          appenders.closeStream(file);
          replace(temporary, file);
          renamed = true;
          FileStatus now = fs.getFileStatus(file);
          return Optional.of(new StoredObject(key, now.getLen(), Versions.of(now)));
        } finally {
          lock.release();
        }
      } finally {
        if (!renamed) {
          fs.delete(temporary, false);
        }
      }
    } catch (IOException e) {
      throw HadoopErrors.failed("replaceIf", file.toUri(), e);
    }
  }

  private Path writeTemporary(String key, byte[] bytes, int offset, int length) throws IOException {
    Preconditions.checkPositionIndexes(offset, offset + length, bytes.length);
    Path temporary = paths.temporary(key);
    try (FSDataOutputStream out = fs.create(temporary, false)) {
      out.write(bytes, offset, length);
    }
    return temporary;
  }

  /** Moves {@code source} over {@code target}, in one step on HDFS. */
  private void replace(Path source, Path target) throws IOException {
    if (fs instanceof DistributedFileSystem dfs) {
      dfs.rename(source, target, Options.Rename.OVERWRITE);
      return;
    }
    if (!fs.rename(source, target)) {
      fs.delete(target, false);
      if (!fs.rename(source, target)) {
        throw new IOException("rename of " + source + " to " + target + " returned false");
      }
    }
  }

  private void deleteQuietly(Path file, IOException failure) {
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("log store " + uri + " is closed");
    }
  }

  /** Closes the files being appended to, then the file system client. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Closer closer = Closer.create();
    closer.register(fs);
    closer.register(appenders::closeAll);
    try {
      closer.close(); // the appenders first: registered last
    } catch (IOException e) {
      throw HadoopErrors.failed("close", uri, e);
    }
  }
}
