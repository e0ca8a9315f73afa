package dev.dltrack.tracker.wandb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Appends records to a W&amp;B transaction log ({@code run-<id>.wandb}), framed by {@link
 * LogFraming}. Records are buffered and written when the buffer fills or at {@link #flush()}, which
 * also forces them to the device: after it returns, every record appended before is readable, even
 * after the process is killed. A write that fails part-way is cut back to the last whole record and
 * nothing more is written. Used by one thread.
 */
final class TransactionLog implements AutoCloseable {
  private static final int DRAIN_AT = 1 << 18;

  private final Path path;
  private final FileChannel channel;
  private final CRC32 crc = new CRC32();
  private byte[] buf = new byte[DRAIN_AT + 4096];
  private int size;

  /** Bytes of the file that are whole records; the buffer goes after them. */
  private long fileLength;

  private boolean broken;

  private TransactionLog(Path path, FileChannel channel, long fileLength) {
    this.path = path;
    this.channel = channel;
    this.fileLength = fileLength;
  }

  /** Creates {@code file}, which must not exist, and writes its header (buffered). */
  static TransactionLog create(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    TransactionLog log = new TransactionLog(file, channel, 0);
    byte[] header = LogFraming.fileHeader();
    System.arraycopy(header, 0, log.buf, 0, header.length);
    log.size = header.length;
    return log;
  }

  /**
   * Continues {@code file} after its first {@code end} bytes, cutting off what follows them (a torn
   * tail, or records the caller takes back).
   */
  static TransactionLog continueAt(Path file, long end) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      if (channel.size() > end) {
        channel.truncate(end);
        channel.force(false);
      }
      channel.position(end);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new TransactionLog(file, channel, end);
  }

  Path path() {
    return path;
  }

  /** Where the next record goes: the file's length once everything buffered is written. */
  long position() {
    return fileLength + size;
  }

  /** Appends one record, {@code payload[off, off + len)}. */
  void append(byte[] payload, int off, int len) throws IOException {
    int room = LogFraming.maxFramedSize(len);
    if (size + room > buf.length) {
      drain();
      if (room > buf.length) {
        buf = new byte[room];
      }
    }
    size = LogFraming.frame(payload, off, len, fileLength + size, buf, size, crc);
    if (size >= DRAIN_AT) {
      drain();
    }
  }

  void append(byte[] payload) throws IOException {
    append(payload, 0, payload.length);
  }

  /** Writes what is buffered and forces the file to the device. */
  void flush() throws IOException {
    drain();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new IOException("syncing " + path + " failed: " + e.getMessage(), e);
    }
  }

  private void drain() throws IOException {
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
        // the buffer starts at a record boundary: cut back to it
        channel.truncate(fileLength);
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
      throw failure;
    }
    broken = false;
    fileLength += size;
    size = 0;
    if (buf.length > 2 * DRAIN_AT) {
      buf = new byte[DRAIN_AT + 4096];
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (!broken) {
        flush();
      }
    } finally {
      channel.close();
    }
  }
}
