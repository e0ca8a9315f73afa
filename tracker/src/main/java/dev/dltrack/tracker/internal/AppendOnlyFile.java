package dev.dltrack.tracker.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file its writer only appends to, in whole units (records, rows) assembled in a buffer of its
 * own. {@link #write} gets a buffer out whole or, when the write fails part-way, has the writer cut
 * the file back to its last whole unit and refuses every later write: a retry would write the
 * buffer's head twice. Used by one thread (the writer's).
 */
public final class AppendOnlyFile {
  /** Undoes a write that failed part-way, so that the file ends at a whole unit again. */
  @FunctionalInterface
  public interface CutBack {
    /**
     * Cuts {@code channel} back after a write of a buffer that failed once {@code written} of its
     * bytes reached the file, at {@code length}.
     *
     * @return how many of the buffer's bytes stay in the file, as whole units
     */
    int cutBack(FileChannel channel, long length, int written) throws IOException;
  }

  /** Leaves what a failed write got out as it is. */
  public static final CutBack LEAVE = (channel, length, written) -> written;

  private final Path path;
  private final FileChannel channel;

  /** Bytes of the file that are whole units; a buffer goes after them. */
  private long length;

  private boolean broken;

  /**
   * A file open for writing at its end ({@code length} bytes, all of them whole units).
   *
   * @param path the file, for messages
   * @param channel the file, open for writing; this object closes it
   * @param length the file's length
   */
  public AppendOnlyFile(Path path, FileChannel channel, long length) {
    this.path = path;
    this.channel = channel;
    this.length = length;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** How many bytes of the file are whole units: its length once every write succeeded. */
  public long length() {
    return length;
  }

  /** Refuses every later write (the writer found the file unusable). */
  public void markBroken() {
    broken = true;
  }

  /**
   * Cuts off what follows the first {@code length} bytes (a torn tail an earlier writer left),
   * which are whole units.
   */
  public void cutTo(long length) throws IOException {
    channel.truncate(length);
    this.length = length;
  }

  /**
   * Writes {@code buf[0, size)} after the file's whole units. A write that fails part-way is cut
   * back by {@code cutBack} (its own failure is attached to the one thrown as suppressed), and
   * every later write is refused.
   *
   * @throws IOException naming the file, when this write or an earlier one failed
   */
  public void write(byte[] buf, int size, CutBack cutBack) throws IOException {
    if (broken) {
      throw new IOException("an earlier write to " + path + " failed; nothing more is written");
    }
    if (size == 0) {
      return;
    }
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, size);
    broken = true; // until everything is out: a retry would write its head twice
    try {
      while (bb.hasRemaining()) {
        channel.write(bb);
      }
    } catch (IOException e) {
      IOException failure = new IOException("writing " + path + " failed: " + e.getMessage(), e);
      try {
        length += cutBack.cutBack(channel, length, bb.position());
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
      throw failure;
    }
    broken = false;
    length += size;
  }

  /** Forces what was written to the device. */
  public void force() throws IOException {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new IOException("syncing " + path + " failed: " + e.getMessage(), e);
    }
  }

  /** What a writer does before its file is closed: writes what it buffered. */
  @FunctionalInterface
  public interface LastFlush {
    /** Writes and forces what is buffered. */
    void flush() throws IOException;
  }

  /** Runs {@code lastFlush} unless the file is broken, then closes the file whatever happened. */
  public void close(LastFlush lastFlush) throws IOException {
    try {
      if (!broken) {
        lastFlush.flush();
      }
    } finally {
      channel.close();
    }
  }

  /** Closes the file after {@code cause}, attaching a failure to close to it as suppressed. */
  public void closeAfter(Exception cause) {
    try {
      channel.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
