package dev.dltrack.trainer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Small synthetic FashionMNIST-format data. Image {@code i} carries its own number in its first two
 * pixels ({@link #id}), so tests can tell which image ended up where; its label is {@code (i +
 * labelOffset) % 10}.
 */
public final class IdxFixtures {
  private IdxFixtures() {}

  static int pixel(int image, int pixel) {
    return switch (pixel) {
      case 0 -> image & 0xFF;
      case 1 -> image >> 8;
      default -> (image * 31 + pixel) & 0xFF;
    };
  }

  /** The number of the synthetic image at {@code index}. */
  static int id(LabeledImages images, int index) {
    return Math.round(images.pixel(index, 0) * 255)
        + 256 * Math.round(images.pixel(index, 1) * 255);
  }

  static LabeledImages images(int count, int labelOffset) {
    byte[] pixels = new byte[count * LabeledImages.PIXELS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < LabeledImages.PIXELS; p++) {
        pixels[i * LabeledImages.PIXELS + p] = (byte) pixel(i, p);
      }
      labels[i] = (byte) ((i + labelOffset) % LabeledImages.CLASSES);
    }
    return new LabeledImages(pixels, labels);
  }

  /** Uncompressed IDX images: header announcing {@code count} images of rows x cols, then bytes. */
  static byte[] imagesIdx(int count, int rows, int cols, int pixelBytes) {
    ByteBuffer idx = ByteBuffer.allocate(16 + pixelBytes);
    idx.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < pixelBytes; i++) {
      idx.put((byte) pixel(i / (rows * cols), i % (rows * cols)));
    }
    return idx.array();
  }

  static byte[] imagesIdx(int count) {
    return imagesIdx(count, 28, 28, count * LabeledImages.PIXELS);
  }

  static byte[] labelsIdx(int count, int labelOffset) {
    ByteBuffer idx = ByteBuffer.allocate(8 + count);
    idx.putInt(0x00000801).putInt(count);
    for (int i = 0; i < count; i++) {
      idx.put((byte) ((i + labelOffset) % LabeledImages.CLASSES));
    }
    return idx.array();
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the four files into {@code dir}: {@code trainCount} and {@code testCount} images. */
  public static Path writeDataset(Path dir, int trainCount, int testCount) {
    write(dir.resolve(FashionMnistFile.TRAIN_IMAGES.fileName()), gzip(imagesIdx(trainCount)));
    write(dir.resolve(FashionMnistFile.TRAIN_LABELS.fileName()), gzip(labelsIdx(trainCount, 0)));
    write(dir.resolve(FashionMnistFile.TEST_IMAGES.fileName()), gzip(imagesIdx(testCount)));
    write(dir.resolve(FashionMnistFile.TEST_LABELS.fileName()), gzip(labelsIdx(testCount, 1)));
    return dir;
  }

  /**
   * The study's splits of a small synthetic data set written into {@code dir}: 600 training and 100
   * test images, 100 of the training ones held out for validation.
   */
  public static FashionMnistSplits smallSplits(Path dir) throws IOException {
    writeDataset(dir, 600, 100);
    return FashionMnistSplits.split(FashionMnistLoader.standard().load(dir), 100, 42);
  }
}
