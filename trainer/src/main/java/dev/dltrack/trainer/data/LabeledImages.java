package dev.dltrack.trainer.data;

import static java.util.Objects.checkIndex;
import static java.util.Objects.requireNonNull;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable set of 28x28 grey images, each with a class label in {@code 0..9}.
 *
 * <p>Pixels are kept as the file's unsigned bytes (a quarter of the memory of floats) and scaled to
 * {@code [0, 1]} (divided by 255) only when handed out, so the 60,000 training images take 47 MB on
 * the heap rather than 188 MB.
 */
public final class LabeledImages {
  /** Rows and columns of every image. */
  public static final int SIDE = 28;

  /** Pixels of a flattened image: the network's input width. */
  public static final int PIXELS = SIDE * SIDE;

  /** Number of classes: the width of a one-hot label. */
  public static final int CLASSES = 10;

  private final byte[] pixels;
  private final byte[] labels;

  /** Made by {@link #sharedFeatures()} on first use. */
  private volatile INDArray sharedFeatures;

  /**
   * Takes ownership of both arrays, which nothing else may write to, and trusts the labels to be in
   * {@code 0..9}: {@link IdxReader} checked them.
   */
  LabeledImages(byte[] pixels, byte[] labels) {
    requireNonNull(pixels, "pixels");
    requireNonNull(labels, "labels");
    if (pixels.length != labels.length * PIXELS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%d pixels do not make %d images of %d pixels",
              pixels.length,
              labels.length,
              PIXELS));
    }
    this.pixels = pixels;
    this.labels = labels;
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** The class of image {@code image}, in {@code 0..9}. */
  public int label(int image) {
    return labels[checkIndex(image, size())];
  }

  /** Pixel {@code pixel} (row-major, {@code 0..783}) of image {@code image}, in {@code [0, 1]}. */
  public float pixel(int image, int pixel) {
    checkIndex(image, size());
    return GREY_LEVELS[pixels[image * PIXELS + checkIndex(pixel, PIXELS)] & 0xFF];
  }

  /** A new {@code [size, 784]} float array of all images, flattened row-major, in [0, 1]. */
  public INDArray features() {
    if (pixels.length == 0) {
      return Nd4j.create(
          new float[0], new long[] {0, PIXELS}, 'c'); // an empty buffer has no memory to write
    }
    // written straight into the array's native memory: a float[] of the whole set (157 MB for the
    // training images) copied by Nd4j.create cost twice the time and a humongous heap allocation;
    // a chunk at a time, as a put per element cost ~0.1 s for the training images, per run
    INDArray features = Nd4j.createUninitialized(DataType.FLOAT, new long[] {size(), PIXELS}, 'c');
    FloatBuffer out = features.data().asNioFloat();
    float[] chunk = new float[Math.min(pixels.length, FEATURE_CHUNK)];
    for (int start = 0; start < pixels.length; start += chunk.length) {
      int len = Math.min(chunk.length, pixels.length - start);
      for (int i = 0; i < len; i++) {
        chunk[i] = GREY_LEVELS[pixels[start + i] & 0xFF];
      }
      out.put(start, chunk, 0, len);
    }
    return features;
  }

  /** Pixels converted per bulk write of {@link #features()}. */
  private static final int FEATURE_CHUNK = 16384;

  /** Each byte's value in [0, 1]: the byte divided by 255. */
  private static final float[] GREY_LEVELS = new float[256];

  static {
    for (int level = 0; level < GREY_LEVELS.length; level++) {
      GREY_LEVELS[level] = level / 255f;
    }
  }

  /**
   * {@link #features()} made once and kept, for readers that never write to it (the shuffled
   * iterator gathers each epoch from it): the runs of a sweep share one 157 MB array of the
   * training images instead of each making its own.
   */
  INDArray sharedFeatures() {
    INDArray shared = sharedFeatures;
    if (shared == null) {
      synchronized (this) {
        shared = sharedFeatures;
        if (shared == null) {
          shared = features();
          sharedFeatures = shared;
        }
      }
    }
    return shared;
  }

  /** A new {@code [size, 10]} float array of one-hot labels. */
  public INDArray labels() {
    float[] oneHot = new float[labels.length * CLASSES];
    for (int i = 0; i < labels.length; i++) {
      oneHot[i * CLASSES + labels[i]] = 1f;
    }
    return Nd4j.create(oneHot, new long[] {size(), CLASSES}, 'c');
  }

  /** The first {@code n} images, e.g. for fast tests and quick sweeps. */
  public LabeledImages first(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "cannot take the first %d of %d images: ask for 0..%d",
              n,
              size(),
              size()));
    }
    return new LabeledImages(Arrays.copyOf(pixels, n * PIXELS), Arrays.copyOf(labels, n));
  }

  /** The images at {@code indices}, in that order. */
  LabeledImages select(int[] indices) {
    byte[] selectedPixels = new byte[indices.length * PIXELS];
    byte[] selectedLabels = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int image = checkIndex(indices[i], size());
      System.arraycopy(pixels, image * PIXELS, selectedPixels, i * PIXELS, PIXELS);
      selectedLabels[i] = labels[image];
    }
    return new LabeledImages(selectedPixels, selectedLabels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImages other
        && Arrays.equals(labels, other.labels)
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(labels) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "LabeledImages[size=" + size() + "]";
  }
}
