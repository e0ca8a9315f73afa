package dev.dltrack.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A small synthetic data set in FashionMNIST's four gzipped IDX files (as the trainer's tests
 * make), for the tests of modules that run a sweep.
 */
public final class TinyDataset {
  private TinyDataset() {}

  /** Writes {@code train} training and {@code test} test images with their labels into {@code dir}. */
  public static Path write(Path dir, int train, int test) throws IOException {
    write(dir.resolve("train-images-idx3-ubyte.gz"), images(train));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(train, 0));
    write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(test));
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(test, 1));
    return dir;
  }

  private static byte[] images(int count) {
    ByteBuffer idx = ByteBuffer.allocate(16 + count * 784);
    idx.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < 784; p++) {
        // the label leaves a trace in the pixels, so that training learns something
        idx.put((byte) ((i * 31 + p * (1 + i % 10)) & 0xFF));
      }
    }
    return idx.array();
  }

  private static byte[] labels(int count, int offset) {
    ByteBuffer idx = ByteBuffer.allocate(8 + count);
    idx.putInt(0x00000801).putInt(count);
    for (int i = 0; i < count; i++) {
      idx.put((byte) ((i + offset) % 10));
    }
    return idx.array();
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }
}
