package dev.dltrack.trainer.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Reads gzipped IDX files and checks everything a wrong file could get wrong.
 *
 * <p>IDX is big-endian: a magic number ({@code 0x00000803} for images, {@code 0x00000801} for
 * labels), the count, for images the rows and columns, then one unsigned byte per pixel or label.
 * The decompressed content is hashed while it is read, which costs little next to inflating it.
 *
 * <p>When the content must match the official file: always when {@code requireOfficial} (the
 * locations this tool manages hold nothing else), and otherwise whenever the header announces the
 * official count, since a file that claims to be the official dataset and is not is damaged. A file
 * with another count, given explicitly, is accepted as a different dataset (e.g. a small synthetic
 * one).
 */
final class IdxReader {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /** Reads and cross-checks an images file and its labels file. */
  static LabeledImages read(
      Path imagesFile,
      FashionMnistFile images,
      Path labelsFile,
      FashionMnistFile labels,
      boolean requireOfficial)
      throws IOException {
    byte[] pixels = readBody(imagesFile, images, requireOfficial);
    byte[] classes = readBody(labelsFile, labels, requireOfficial);
    int imageCount = pixels.length / LabeledImages.PIXELS;
    if (imageCount != classes.length) {
      throw new CorruptDatasetException(
          labelsFile,
          String.format(
              Locale.ROOT,
              "holds %d labels but %s holds %d images; they must come from the same release",
              classes.length,
              imagesFile.getFileName(),
              imageCount));
    }
    for (int i = 0; i < classes.length; i++) {
      if (Byte.toUnsignedInt(classes[i]) >= LabeledImages.CLASSES) {
        throw new CorruptDatasetException(
            labelsFile,
            String.format(
                Locale.ROOT,
                "label %d of image %d is outside 0..%d",
                Byte.toUnsignedInt(classes[i]),
                i,
                LabeledImages.CLASSES - 1));
      }
    }
    return new LabeledImages(pixels, classes);
  }

  private static byte[] readBody(Path file, FashionMnistFile kind, boolean requireOfficial)
      throws IOException {
    MessageDigest sha = Checksums.newSha256();
    byte[] body;
    int count;
    try (InputStream in = new DigestInputStream(Checksums.gunzip(file), sha)) {
      ByteBuffer header = readHeader(in, file, kind);
      count = header.getInt(4);
      int itemSize = kind.isImages() ? imageSize(header, file) : 1;
      long expected = (long) count * itemSize;
      if (count < 0 || expected > Integer.MAX_VALUE - 8) {
        throw new CorruptDatasetException(file, "header announces an impossible count " + count);
      }
      body = in.readNBytes((int) expected);
      if (body.length < expected) {
        throw new CorruptDatasetException(
            file,
            String.format(
                Locale.ROOT,
                "is truncated: the header announces %d items (%d bytes) but only %d bytes follow",
                count,
                expected,
                body.length));
      }
      if (in.read() != -1) {
        throw new CorruptDatasetException(
            file,
            String.format(Locale.ROOT, "has data after the %d items its header announces", count));
      }
    } catch (ZipException | EOFException e) {
      // Headers and bodies are read with length checks, so these come from the gzip layer.
      throw new CorruptDatasetException(
          file,
          "is not a complete gzip file (" + e.getMessage() + "); replace it with a good copy");
    }
    String actual = Checksums.hex(sha);
    if ((requireOfficial || count == kind.officialCount()) && !actual.equals(kind.sha256())) {
      throw new CorruptDatasetException(
          file,
          String.format(
              Locale.ROOT,
              "is not the official FashionMNIST %s: its decompressed content has SHA-256 %s, expected"
                  + " %s; replace it with the official file (apt-get install --reinstall"
                  + " dataset-fashion-mnist) or delete it so that it is downloaded again",
              kind.fileName(),
              actual,
              kind.sha256()));
    }
    return body;
  }

  private static ByteBuffer readHeader(InputStream in, Path file, FashionMnistFile kind)
      throws IOException {
    int headerSize = kind.isImages() ? 16 : 8;
    ByteBuffer header = ByteBuffer.wrap(in.readNBytes(headerSize));
    if (header.limit() < 4) {
      throw new CorruptDatasetException(
          file,
          String.format(
              Locale.ROOT,
              "is not an IDX file: its content is only %d bytes long",
              header.limit()));
    }
    int magic = kind.isImages() ? IMAGES_MAGIC : LABELS_MAGIC;
    if (header.getInt(0) != magic) {
      throw new CorruptDatasetException(
          file,
          String.format(
              Locale.ROOT,
              "is not an IDX %s file: it must start with magic number 0x%08X, found 0x%08X",
              kind.isImages() ? "images" : "labels",
              magic,
              header.getInt(0)));
    }
    if (header.limit() < headerSize) {
      throw new CorruptDatasetException(file, "is truncated inside its IDX header");
    }
    return header;
  }

  private static int imageSize(ByteBuffer header, Path file) throws CorruptDatasetException {
    int rows = header.getInt(8);
    int columns = header.getInt(12);
    if (rows != LabeledImages.SIDE || columns != LabeledImages.SIDE) {
      throw new CorruptDatasetException(
          file,
          String.format(
              Locale.ROOT,
              "holds %dx%d images; FashionMNIST images are %dx%d",
              rows,
              columns,
              LabeledImages.SIDE,
              LabeledImages.SIDE));
    }
    return LabeledImages.PIXELS;
  }
}
