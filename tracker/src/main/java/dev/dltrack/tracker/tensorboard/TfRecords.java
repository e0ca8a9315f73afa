package dev.dltrack.tracker.tensorboard;

import java.util.zip.CRC32C;

/**
 * TFRecord framing, as TensorFlow's {@code record_writer.cc} defines it: a little-endian u64
 * length, the masked CRC-32C of those 8 bytes, the payload, the masked CRC-32C of the payload.
 */
final class TfRecords {
  /** Bytes of framing around each payload: length, length CRC, payload CRC. */
  static final int OVERHEAD = 8 + 4 + 4;

  static final int HEADER = 8 + 4;
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecords() {}

  /** The CRC-32C of {@code len} bytes at {@code off}, masked so that CRCs of CRCs look random. */
  static int maskedCrc32c(byte[] data, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(data, off, len);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  static void putLongLe(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static void putIntLe(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static long getLongLe(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  static int getIntLe(byte[] b, int off) {
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  /**
   * Frames the payload that already sits at {@code buf[off + HEADER .. off + HEADER + len)}: fills
   * in the header before it and the CRC after it. Returns the framed record's total size.
   */
  static int frameInPlace(byte[] buf, int off, int len) {
    putLongLe(buf, off, len);
    putIntLe(buf, off + 8, maskedCrc32c(buf, off, 8));
    putIntLe(buf, off + HEADER + len, maskedCrc32c(buf, off + HEADER, len));
    return len + OVERHEAD;
  }
}
