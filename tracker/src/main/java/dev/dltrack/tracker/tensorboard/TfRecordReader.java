package dev.dltrack.tracker.tensorboard;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads TFRecord-framed payloads from a file, checking both CRCs of every record. A record whose
 * CRC is wrong is refused with a {@link CorruptEventFileException}. A last record cut short (a
 * writer killed mid-write) ends the file quietly and is reported by {@link #truncatedAt()}. The
 * length field is trusted only after its CRC checks and never beyond the bytes left in the file, so
 * a corrupt length cannot make the reader allocate.
 */
final class TfRecordReader implements Closeable {
  private final Path path;
  private final InputStream in;
  private final long size;
  private long offset;
  private long truncatedAt = -1;
  private final byte[] header = new byte[TfRecords.HEADER];
  private final byte[] crc = new byte[4];

  TfRecordReader(Path path) throws IOException {
    this.path = path;
    this.size = Files.size(path);
    this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
  }

  /** The next payload, or null at the end of the file (or at a truncated last record). */
  byte[] next() throws IOException {
    long start = offset;
    int got = readFully(header, header.length);
    if (got == 0) {
      return null;
    }
    if (got < header.length) {
      truncatedAt = start;
      return null;
    }
    long length = TfRecords.getLongLe(header, 0);
    if (TfRecords.getIntLe(header, 8) != TfRecords.maskedCrc32c(header, 0, 8)) {
      throw new CorruptEventFileException(path, start, "length CRC mismatch");
    }
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw new CorruptEventFileException(path, start, "impossible record length " + length);
    }
    long left = size - offset;
    if (length + 4 > left) {
      truncatedAt = start;
      return null;
    }
    byte[] payload = new byte[(int) length];
    if (readFully(payload, payload.length) < payload.length || readFully(crc, 4) < 4) {
      truncatedAt = start;
      return null;
    }
    if (TfRecords.getIntLe(crc, 0) != TfRecords.maskedCrc32c(payload, 0, payload.length)) {
      throw new CorruptEventFileException(path, start, "payload CRC mismatch");
    }
    return payload;
  }

  /** The offset of the record that was cut short, or -1 when the file ended cleanly. */
  long truncatedAt() {
    return truncatedAt;
  }

  /** The offset of the record {@link #next()} returned last. */
  long offset() {
    return offset;
  }

  private int readFully(byte[] b, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int r = in.read(b, n, len - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    offset += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
