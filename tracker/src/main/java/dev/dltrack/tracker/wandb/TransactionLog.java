package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.internal.AppendOnlyFile;
import java.io.IOException;
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

  /** The buffer starts at a record boundary: a failed write is cut back to it. */
  private static final AppendOnlyFile.CutBack TO_BUFFER_START =
      (channel, length, written) -> {
        channel.truncate(length);
        return 0;
      };

  /** Its length counts whole records; the buffer goes after them. */
  private final AppendOnlyFile file;

  private final CRC32 crc = new CRC32();
  private byte[] buf = new byte[DRAIN_AT + 4096];
  private int size;

  private TransactionLog(Path path, FileChannel channel, long fileLength) {
    this.file = new AppendOnlyFile(path, channel, fileLength);
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
    return file.path();
  }

  /** Where the next record goes: the file's length once everything buffered is written. */
  long position() {
    return file.length() + size;
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
    size = LogFraming.frame(payload, off, len, file.length() + size, buf, size, crc);
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
    file.force();
  }

  private void drain() throws IOException {
    file.write(buf, size, TO_BUFFER_START);
    size = 0;
    if (buf.length > 2 * DRAIN_AT) {
      buf = new byte[DRAIN_AT + 4096];
    }
  }

  @Override
  public void close() throws IOException {
    file.close(this::flush);
  }
}
