package dev.dltrack.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** SHA-256 of the decompressed content of {@code .gz} files, as {@link FashionMnistFile} lists. */
final class Checksums {
  private static final int BUFFER_SIZE = 1 << 16;

  private Checksums() {}

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
      throw new AssertionError(e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Decompresses {@code gz} and hashes the result; reading to the end also checks gzip's CRC. */
  static String gunzippedSha256(Path gz) throws IOException {
    MessageDigest sha = newSha256();
    try (InputStream in = new DigestInputStream(gunzip(gz), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return hex(sha);
  }

  static InputStream gunzip(Path gz) throws IOException {
    return new GZIPInputStream(
        new BufferedInputStream(Files.newInputStream(gz), BUFFER_SIZE), BUFFER_SIZE);
  }
}
