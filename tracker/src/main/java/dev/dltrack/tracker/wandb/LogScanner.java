package dev.dltrack.tracker.wandb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Reads the records of a W&amp;B transaction log ({@link LogFraming}) one by one, checking what
 * wandb's reader checks: the file header, every chunk's checksum, the chaining of FIRST, MIDDLE
 * and LAST chunks, and that block tails are zeros. It stops at the first thing that is not right
 * (a tail that a killed writer left half written, or damage) and says what and where in {@link
 * #problem()}; {@link #validEnd()} is then where the whole records end, where a writer that
 * continues the file cuts it.
 */
final class LogScanner {
  private final InputStream in;
  private final CRC32 crc = new CRC32();
  private long pos;
  private long validEnd;
  private long recordStart = -1;
  private String problem;
  private boolean done;

  /** Reads from {@code in}, positioned at the start of the file. */
  LogScanner(InputStream in) {
    this.in = in;
  }

  /** The next record's payload, or null at the end of the file or at the first problem. */
  byte[] next() throws IOException {
    if (done) {
      return null;
    }
    if (pos == 0) {
      byte[] header = in.readNBytes(LogFraming.CHUNK_HEADER);
      pos = header.length;
      if (header.length == 0) {
        return stop("the file is empty");
      }
      if (!LogFraming.isFileHeader(header)) {
        return stop(
            header.length < LogFraming.CHUNK_HEADER
                ? "the file header is cut short"
                : "not a W&B transaction log (the file does not start with ':W&B', 0xBEE1, 0)");
      }
      validEnd = pos;
    }
    byte[] data = null;
    long start = -1;
    while (true) {
      int left = LogFraming.BLOCK - (int) (pos % LogFraming.BLOCK);
      if (left < LogFraming.CHUNK_HEADER) {
        byte[] pad = in.readNBytes(left);
        pos += pad.length;
        if (pad.length == 0 && data == null) {
          return end();
        }
        if (pad.length < left) {
          return stop("the file ends inside a block's padding");
        }
        for (byte b : pad) {
          if (b != 0) {
            return stop("a block's last " + left + " bytes are not zeros");
          }
        }
        if (data == null) {
          validEnd = pos;
        }
        left = LogFraming.BLOCK;
      }
      long chunkAt = pos;
      byte[] head = in.readNBytes(LogFraming.CHUNK_HEADER);
      pos += head.length;
      if (head.length == 0 && data == null) {
        return end();
      }
      if (head.length < LogFraming.CHUNK_HEADER) {
        return stop("the file ends inside a chunk header");
      }
      int checksum =
          (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
      int len = (head[4] & 0xff) | (head[5] & 0xff) << 8;
      int type = head[6] & 0xff;
      if (LogFraming.CHUNK_HEADER + len > left) {
        return stop(at(chunkAt, "a chunk of " + len + " bytes runs past the end of its block"));
      }
      byte[] payload = in.readNBytes(len);
      pos += payload.length;
      if (payload.length < len) {
        return stop("the file ends inside a chunk");
      }
      if (LogFraming.checksum(type, payload, 0, len, crc) != checksum) {
        return stop(at(chunkAt, "a chunk's checksum does not match its content"));
      }
      if (data == null) {
        start = chunkAt;
        if (type == LogFraming.FULL) {
          return record(start, payload);
        }
        if (type != LogFraming.FIRST) {
          return stop(at(chunkAt, "a record starts with a chunk of type " + type));
        }
        data = payload;
      } else {
        if (type != LogFraming.MIDDLE && type != LogFraming.LAST) {
          return stop(at(chunkAt, "a record goes on with a chunk of type " + type));
        }
        byte[] joined = Arrays.copyOf(data, data.length + len);
        System.arraycopy(payload, 0, joined, data.length, len);
        data = joined;
        if (type == LogFraming.LAST) {
          return record(start, data);
        }
      }
    }
  }

  private byte[] record(long start, byte[] payload) {
    recordStart = start;
    validEnd = pos;
    return payload;
  }

  private byte[] end() {
    done = true;
    return null;
  }

  private byte[] stop(String why) {
    done = true;
    problem = why;
    return null;
  }

  private static String at(long offset, String what) {
    return String.format(Locale.ROOT, "at byte %d: %s", offset, what);
  }

  /** Where the record {@link #next()} returned last starts (its first chunk), or -1. */
  long recordStart() {
    return recordStart;
  }

  /** Where the whole records read so far end (with the zeros that close their block). */
  long validEnd() {
    return validEnd;
  }

  /** Why reading stopped before the end of the file, or null if it did not. */
  String problem() {
    return problem;
  }
}
