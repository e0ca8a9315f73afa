package dev.dltrack.tracker.storage;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes {@code [position, position + length)} of an open file, which must not change while they are
 * read: what a flush sends of a spool file, read straight from it instead of copied into the heap
 * first (a busy run's flush sends hundreds of megabytes). Reads are positional, so the channel's
 * own position is neither used nor moved, and several streams may read one range at once (a store
 * that signs the payload reads it before sending it). The channel stays open; its owner closes it.
 *
 * @param channel an open, readable file
 * @param position where the range starts
 * @param length how many bytes it has
 */
public record FileRange(FileChannel channel, long position, long length) {
  /** Checks the range. */
  public FileRange {
    requireNonNull(channel, "channel");
    checkArgument(position >= 0 && length >= 0, "bad range: %s + %s", position, length);
  }

  /**
   * Reads the whole range into a new array, for stores that take bytes only.
   *
   * @throws IOException if the file is shorter than the range, or longer than an array can hold
   */
  public byte[] read() throws IOException {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException(length + " bytes are too many to send at once; at most 2 GB");
    }
    byte[] bytes = new byte[(int) length];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) < 0) {
        throw shorter();
      }
    }
    return bytes;
  }

  /** A stream of the range's bytes, from its start; closing it leaves the channel open. */
  public InputStream openStream() {
    return new InputStream() {
      private long next = position;
      private final long end = position + length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (next >= end) {
          return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - next)), next);
        if (n < 0) {
          throw shorter();
        }
        next += n;
        return n;
      }

      @Override
      public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - next));
        next += skipped;
        return skipped;
      }

      @Override
      public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - next);
      }
    };
  }

  private IOException shorter() {
    return new IOException(
        "the file ended before byte " + (position + length) + " of the range being sent");
  }
}
