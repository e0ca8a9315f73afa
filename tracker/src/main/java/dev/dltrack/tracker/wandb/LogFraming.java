package dev.dltrack.tracker.wandb;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The framing of W&amp;B's transaction log ({@code run-<id>.wandb}), as wandb's {@code
 * sdk/internal/datastore.py} writes and reads it: a 7-byte file header ({@code ":W&B"}, magic
 * {@code 0xBEE1} little-endian, version 0), then LevelDB-log chunks in 32 KiB blocks counted from
 * offset 0. A chunk is a little-endian {@code u32} checksum, a little-endian {@code u16} length, a
 * {@code u8} type ({@link #FULL}, or {@link #FIRST}, {@link #MIDDLE}s and {@link #LAST} for a
 * record that does not fit in what is left of its block) and the payload. The checksum is plain
 * CRC-32 (zlib's, {@link CRC32}) over the type byte and the payload, not masked: not the CRC-32C
 * of TensorBoard's event files. Fewer than 7 bytes left in a block are zeros.
 *
 * <p>Pure functions, no I/O. Unlike wandb, which writes the zeros only when the next record comes,
 * {@link #frame} writes them right after the record that leaves them, so that a file that ends
 * after any record is one wandb's reader reads to its end without calling it incomplete; the bytes
 * of a file that goes on are the same.
 */
final class LogFraming {
  static final int BLOCK = 32 * 1024;
  static final int CHUNK_HEADER = 7;
  static final int FULL = 1;
  static final int FIRST = 2;
  static final int MIDDLE = 3;
  static final int LAST = 4;

  private static final byte[] FILE_HEADER = {0x3A, 0x57, 0x26, 0x42, (byte) 0xE1, (byte) 0xBE, 0};

  private LogFraming() {}

  /** The file header, {@code 3A 57 26 42 E1 BE 00}. */
  static byte[] fileHeader() {
    return FILE_HEADER.clone();
  }

  static boolean isFileHeader(byte[] b) {
    return Arrays.equals(b, FILE_HEADER);
  }

  /** The most bytes {@link #frame} can write for a payload of {@code len} bytes. */
  static int maxFramedSize(int len) {
    return len + CHUNK_HEADER * (len / (BLOCK - CHUNK_HEADER) + 2) + 2 * (CHUNK_HEADER - 1);
  }

  /**
   * Frames {@code payload[off, off + len)} as it goes into the file at offset {@code position}:
   * writes the chunks (and the zeros that end a block with fewer than 7 bytes left, before and
   * after them) to {@code out} from {@code at}, which must have {@link #maxFramedSize} bytes of
   * room. Returns the index in {@code out} after the last byte written.
   */
  static int frame(byte[] payload, int off, int len, long position, byte[] out, int at, CRC32 crc) {
    int start = at;
    int left = BLOCK - (int) (position % BLOCK);
    if (left < CHUNK_HEADER) {
      at = zeros(out, at, left);
      left = BLOCK;
    }
    if (len + CHUNK_HEADER <= left) {
      at = chunk(FULL, payload, off, len, out, at, crc);
      left -= CHUNK_HEADER + len;
    } else {
      // as datastore.py does: the first chunk takes what the block has room for (maybe nothing)
      int room = left - CHUNK_HEADER;
      at = chunk(FIRST, payload, off, room, out, at, crc);
      int used = room;
      int rest = len - room;
      while (rest > BLOCK - CHUNK_HEADER) {
        at = chunk(MIDDLE, payload, off + used, BLOCK - CHUNK_HEADER, out, at, crc);
        used += BLOCK - CHUNK_HEADER;
        rest -= BLOCK - CHUNK_HEADER;
      }
      at = chunk(LAST, payload, off + used, rest, out, at, crc);
      left = BLOCK - CHUNK_HEADER - rest;
    }
    if (left < CHUNK_HEADER) {
      at = zeros(out, at, left);
    }
    assert at - start <= maxFramedSize(len);
    return at;
  }

  private static int zeros(byte[] out, int at, int n) {
    Arrays.fill(out, at, at + n, (byte) 0);
    return at + n;
  }

  private static int chunk(int type, byte[] payload, int off, int len, byte[] out, int at, CRC32 crc) {
    crc.reset();
    crc.update(type);
    crc.update(payload, off, len);
    int c = (int) crc.getValue();
    out[at] = (byte) c;
    out[at + 1] = (byte) (c >>> 8);
    out[at + 2] = (byte) (c >>> 16);
    out[at + 3] = (byte) (c >>> 24);
    out[at + 4] = (byte) len;
    out[at + 5] = (byte) (len >>> 8);
    out[at + 6] = (byte) type;
    System.arraycopy(payload, off, out, at + CHUNK_HEADER, len);
    return at + CHUNK_HEADER + len;
  }

  /** The checksum a chunk of {@code type} with this payload carries. */
  static int checksum(int type, byte[] data, int off, int len, CRC32 crc) {
    crc.reset();
    crc.update(type);
    crc.update(data, off, len);
    return (int) crc.getValue();
  }
}
