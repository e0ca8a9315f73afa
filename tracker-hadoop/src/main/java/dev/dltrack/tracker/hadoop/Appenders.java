package dev.dltrack.tracker.hadoop;

import com.google.common.io.Closer;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream.SyncFlag;

/**
 * The files being appended to, each with its stream kept open across appends. HDFS lets one writer
 * hold a file (its lease): opening a second stream on a file this client still writes would fail,
 * and reopening it for every append would cost a lease round trip and a new block pipeline. A
 * file's stream is closed when the store closes, or before the file is replaced or deleted.
 */
final class Appenders {
  /** How long to wait for HDFS to recover a file a failed stream left open. */
  private static final long LEASE_RECOVERY_NANOS = 10_000_000_000L;

  private final FileSystem fs;
  private final ConcurrentMap<Path, Appender> open = new ConcurrentHashMap<>();

  Appenders(FileSystem fs) {
    this.fs = fs;
  }

  /** Appends the bytes to {@code file}, creating it when absent, and syncs them (see below). */
  void append(Path file, byte[] bytes, int offset, int length) throws IOException {
    while (true) {
      Appender appender = open.computeIfAbsent(file, Appender::new);
      boolean appended;
      try {
        appended = appender.append(bytes, offset, length);
      } catch (IOException e) {
        // a failed stream is not reused: the next append reopens the file (HDFS recovers its
        // last block then), after the caller has seen this failure and the file's length
        open.remove(file, appender);
        throw e;
      }
      if (appended) {
        return;
      }
      open.remove(file, appender); // closed by closeStream in between: take a new one
    }
  }

  /** Closes {@code file}'s stream if it has one, so that the file can be replaced or deleted. */
  void closeStream(Path file) throws IOException {
    Appender appender = open.remove(file);
    if (appender != null) {
      appender.close();
    }
  }

  /** Closes every stream, rethrowing the first failure with the others attached. */
  void closeAll() throws IOException {
    List<Appender> all = new ArrayList<>(open.values());
    open.clear();
    Closer closer = Closer.create();
    all.forEach(closer::register);
    closer.close();
  }

  /** One file's stream, opened at the first append. */
  private final class Appender implements Closeable {
    private final Path file;
    private FSDataOutputStream out;
    private boolean closed;

    Appender(Path file) {
      this.file = file;
    }

    /** False if this appender was closed meanwhile (the caller takes a new one). */
    synchronized boolean append(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        return false;
      }
      if (out == null) {
        out = openStream();
      }
      try {
        out.write(bytes, offset, length);
        sync(out);
      } catch (IOException e) {
        closed = true;
        try {
          out.close();
        } catch (IOException alsoFailed) {
          if (alsoFailed != e) { // HDFS's stream rethrows the failure it holds
            e.addSuppressed(alsoFailed);
          }
        }
        throw e;
      }
      return true;
    }

    private FSDataOutputStream openStream() throws IOException {
      if (!fs.exists(file)) {
        try {
          return fs.create(file, false);
        } catch (FileAlreadyExistsException createdMeanwhile) {
          // by another client: append to it as to any existing file
        }
      }
      try {
        return fs.append(file);
      } catch (IOException e) {
        if (!(fs instanceof DistributedFileSystem dfs)) {
          throw e;
        }
        // an earlier stream of this client on the file failed and still holds its lease: have
        // the NameNode recover the file (close its last block), then append again
        recoverLease(dfs, e);
        return fs.append(file);
      }
    }

    private void recoverLease(DistributedFileSystem dfs, IOException cause) throws IOException {
      long deadline = System.nanoTime() + LEASE_RECOVERY_NANOS;
      while (!dfs.recoverLease(file)) {
        if (System.nanoTime() > deadline) {
          throw cause;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw cause;
        }
      }
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (out != null) {
        out.close();
        out = null;
      }
    }
  }

  /**
   * Makes appended bytes visible and durable. {@code hflush} alone makes them visible to readers,
   * but they sit in the DataNodes' memory and the NameNode still reports the file's old length (a
   * listing, or another process resuming the upload from the listed size, would see too few bytes).
   * {@code hsync} with {@code UPDATE_LENGTH} also has the DataNodes write them to disk and tells
   * the NameNode the new length. It costs a disk sync and a NameNode call per append, but a run
   * appends each file once per flush (every few seconds), and the tracker's promise is that what
   * {@code flush()} returned from is durable. Streams of other file systems get their {@code
   * hsync}, which is their durable flush (ABFS: the data is committed to the service).
   */
  private static void sync(FSDataOutputStream out) throws IOException {
    if (out instanceof HdfsDataOutputStream hdfs) {
      hdfs.hsync(EnumSet.of(SyncFlag.UPDATE_LENGTH));
    } else {
      out.hsync();
    }
  }
}
