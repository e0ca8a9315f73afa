package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;
import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An immutable 8-bit image: {@link #height()} rows of {@link #width()} pixels of {@link
 * #channels()} channels (1 grey, 3 RGB, 4 RGBA), stored row by row, channels interleaved.
 *
 * <p>Made from a {@link BufferedImage}, from bytes, or from float pixels with a stated {@link
 * PixelRange} (a pixel outside it, or NaN, is refused). Every factory copies its input, so the
 * caller may reuse its arrays at once. {@link #grid} tiles many small images into one, as {@code
 * torchvision.utils.make_grid} does. {@link #png()} is the PNG encoding both output formats write;
 * it is computed once per image.
 */
public final class ImageData {
  /** The padding between grid tiles unless told otherwise, as in {@code make_grid}. */
  public static final int DEFAULT_GRID_PADDING = 2;

  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;
  private volatile byte[] png;

  private ImageData(int height, int width, int channels, byte[] pixels) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = pixels;
  }

  /**
   * An image of {@code height × width} pixels of {@code channels} channels (1, 3 or 4) from
   * unsigned bytes, row by row with channels interleaved ({@code [h][w][c]} flattened).
   */
  public static ImageData ofBytes(int height, int width, int channels, byte[] pixels) {
    requireNonNull(pixels, "pixels");
    checkSize(height, width);
    checkChannels(channels);
    checkArgument(
        (long) height * width * channels == pixels.length,
        "image of %sx%s pixels with %s channel(s) needs %s bytes, got %s",
        height,
        width,
        channels,
        (long) height * width * channels,
        pixels.length);
    return new ImageData(height, width, channels, pixels.clone());
  }

  /** A grey image from unsigned bytes, {@code [h][w]}; rows must have one length. */
  public static ImageData grey(byte[][] pixels) {
    requireNonNull(pixels, "pixels");
    int h = pixels.length;
    checkArgument(h > 0, "image has no rows");
    int w = rowLength(pixels[0], 0);
    byte[] out = new byte[checkSize(h, w)];
    for (int y = 0; y < h; y++) {
      checkArgument(
          rowLength(pixels[y], y) == w,
          "image row %s has %s pixels, row 0 has %s",
          y,
          pixels[y].length,
          w);
      System.arraycopy(pixels[y], 0, out, y * w, w);
    }
    return new ImageData(h, w, 1, out);
  }

  /** A grey image from float pixels {@code [h][w]} in {@code range}. */
  public static ImageData grey(float[][] pixels, PixelRange range) {
    requireNonNull(pixels, "pixels");
    requireNonNull(range, "range");
    int h = pixels.length;
    checkArgument(h > 0, "image has no rows");
    int w = rowLength(pixels[0], 0);
    byte[] out = new byte[checkSize(h, w)];
    for (int y = 0; y < h; y++) {
      float[] row = pixels[y];
      checkArgument(
          rowLength(row, y) == w, "image row %s has %s pixels, row 0 has %s", y, row.length, w);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = level(row[x], range, y, x);
      }
    }
    return new ImageData(h, w, 1, out);
  }

  /**
   * A grey image of {@code height × width} from {@code pixels} row by row ({@code pixels.length ==
   * height * width}) in {@code range}: a weight vector of 784 as a 28×28 image, say.
   */
  public static ImageData grey(int height, int width, float[] pixels, PixelRange range) {
    requireNonNull(pixels, "pixels");
    requireNonNull(range, "range");
    int n = checkSize(height, width);
    checkArgument(
        pixels.length == n,
        "image of %sx%s pixels needs %s values, got %s",
        height,
        width,
        n,
        pixels.length);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = level(pixels[i], range, i / width, i % width);
    }
    return new ImageData(height, width, 1, out);
  }

  /**
   * An image from float pixels {@code [h][w][c]} in {@code range}, {@code c} being 1 (grey), 3
   * (RGB) or 4 (RGBA) for every pixel.
   */
  public static ImageData of(float[][][] pixels, PixelRange range) {
    requireNonNull(pixels, "pixels");
    requireNonNull(range, "range");
    int h = pixels.length;
    checkArgument(h > 0, "image has no rows");
    int w = rowLength(pixels[0], 0);
    checkArgument(w > 0, "image row 0 has no pixels");
    requireNonNull(pixels[0][0], "pixel [0][0]");
    int c = pixels[0][0].length;
    checkArgument(
        c == 1 || c == 3 || c == 4,
        "pixels must have 1 (grey), 3 (RGB) or 4 (RGBA) channels; pixel [0][0] has %s",
        c);
    byte[] out = new byte[checkSize(h, w) * c];
    int i = 0;
    for (int y = 0; y < h; y++) {
      float[][] row = pixels[y];
      checkArgument(
          rowLength(row, y) == w, "image row %s has %s pixels, row 0 has %s", y, row.length, w);
      for (int x = 0; x < w; x++) {
        float[] px = row[x];
        checkArgument(
            px != null && px.length == c,
            "pixel [%s][%s] has %s channels, pixel [0][0] has %s",
            y,
            x,
            px == null ? "no" : px.length,
            c);
        for (int k = 0; k < c; k++) {
          out[i++] = level(px[k], range, y, x);
        }
      }
    }
    return new ImageData(h, w, c, out);
  }

  /**
   * The pixels of {@code image}: grey images stay grey, images with alpha keep it, everything else
   * becomes RGB.
   */
  public static ImageData of(BufferedImage image) {
    requireNonNull(image, "image");
    int h = image.getHeight();
    int w = image.getWidth();
    checkSize(h, w);
    Raster raster = image.getRaster();
    boolean component8 =
        image.getColorModel() instanceof ComponentColorModel
            && raster.getTransferType() == DataBuffer.TYPE_BYTE;
    int bands = raster.getNumBands();
    if (component8 && (bands == 1 || bands == 3 || bands == 4)) {
      // grey, RGB and RGBA as ImageIO decodes PNGs: the raster's samples are the pixels, with no
      // colour conversion (getRGB would apply the grey colour space's gamma)
      byte[] out = new byte[h * w * bands];
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int i = 0; i < row.length; i++) {
          out[y * w * bands + i] = (byte) row[i];
        }
      }
      return new ImageData(h, w, bands, out);
    }
    boolean alpha = image.getColorModel().hasAlpha();
    int c = alpha ? 4 : 3;
    byte[] out = new byte[h * w * c];
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int p = 0; p < argb.length; p++) {
      int v = argb[p];
      out[p * c] = (byte) (v >>> 16);
      out[p * c + 1] = (byte) (v >>> 8);
      out[p * c + 2] = (byte) v;
      if (alpha) {
        out[p * c + 3] = (byte) (v >>> 24);
      }
    }
    return new ImageData(h, w, c, out);
  }

  /** Decodes a PNG (or any format {@link ImageIO} reads). */
  public static ImageData fromPng(byte[] encoded) throws IOException {
    requireNonNull(encoded, "encoded");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
    if (img == null) {
      throw new IOException("not an image ImageIO can read (" + encoded.length + " bytes)");
    }
    ImageData image = of(img);
    image.png = encoded.clone();
    return image;
  }

  /**
   * One grey tile of {@code tileHeight × tileWidth} per row of {@code rows} (each row holding
   * {@code tileHeight * tileWidth} values, row by row), all in one {@code range}: the 784 incoming
   * weights of each hidden unit as a 28×28 tile, say.
   */
  public static List<ImageData> tiles(
      float[][] rows, int tileHeight, int tileWidth, PixelRange range) {
    requireNonNull(rows, "rows");
    requireNonNull(range, "range");
    checkArgument(rows.length > 0, "no tiles: rows is empty");
    List<ImageData> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      requireNonNull(rows[i], "row " + i);
      try {
        out.add(grey(tileHeight, tileWidth, rows[i], range));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tile " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Tiles {@code tiles} into one image, {@code columns} per row (the last row may be short), with
   * {@link #DEFAULT_GRID_PADDING} black pixels around and between tiles, as {@code
   * torchvision.utils.make_grid(tiles, nrow=columns)} does.
   */
  public static ImageData grid(List<ImageData> tiles, int columns) {
    return grid(tiles, columns, DEFAULT_GRID_PADDING, 0);
  }

  /**
   * As {@link #grid(List, int)}, with {@code padding} pixels of level {@code padLevel} (0..255).
   */
  public static ImageData grid(List<ImageData> tiles, int columns, int padding, int padLevel) {
    requireNonNull(tiles, "tiles");
    checkArgument(!tiles.isEmpty(), "no tiles to put in a grid");
    checkArgument(columns >= 1, "grid columns must be >= 1: %s", columns);
    checkArgument(padding >= 0, "grid padding must be >= 0: %s", padding);
    checkArgument(padLevel >= 0 && padLevel <= 255, "pad level must be in [0, 255]: %s", padLevel);
    ImageData first = requireNonNull(tiles.get(0), "tile 0");
    int th = first.height;
    int tw = first.width;
    int c = first.channels;
    for (int i = 1; i < tiles.size(); i++) {
      ImageData t = tiles.get(i);
      if (t == null) {
        throw new NullPointerException("tile " + i);
      }
      if (!first.sameShape(t)) {
        throw new IllegalArgumentException(
            lenientFormat(
                "grid tiles must have one size: tile 0 is %s, tile %s is %s",
                first.describe(), i, t.describe()));
      }
    }
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int h = rows * (th + padding) + padding;
    int w = cols * (tw + padding) + padding;
    checkSize(h, w);
    byte[] out = new byte[h * w * c];
    if (padLevel != 0) {
      Arrays.fill(out, (byte) padLevel);
      if (c == 4) {
        for (int i = 3; i < out.length; i += 4) {
          out[i] = (byte) 255;
        }
      }
    }
    int rowBytes = tw * c;
    for (int i = 0; i < tiles.size(); i++) {
      ImageData t = tiles.get(i);
      int y0 = padding + (i / cols) * (th + padding);
      int x0 = padding + (i % cols) * (tw + padding);
      for (int y = 0; y < th; y++) {
        System.arraycopy(t.pixels, y * rowBytes, out, ((y0 + y) * w + x0) * c, rowBytes);
      }
    }
    return new ImageData(h, w, c, out);
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  public int channels() {
    return channels;
  }

  /** A copy of the pixels, row by row, channels interleaved. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /** The level (0..255) of channel {@code c} of the pixel in row {@code y}, column {@code x}. */
  public int level(int y, int x, int c) {
    if (y < 0 || y >= height || x < 0 || x >= width) {
      throw new IllegalArgumentException(
          lenientFormat("no pixel [%s][%s] in %s", y, x, describe()));
    }
    if (c < 0 || c >= channels) {
      throw new IllegalArgumentException(lenientFormat("no channel %s in %s", c, describe()));
    }
    return pixels[(y * width + x) * channels + c] & 0xff;
  }

  /** The image as a new {@link BufferedImage} (grey, 3-byte BGR or 4-byte ABGR). */
  public BufferedImage toBufferedImage() {
    int type =
        switch (channels) {
          case 1 -> BufferedImage.TYPE_BYTE_GRAY;
          case 3 -> BufferedImage.TYPE_3BYTE_BGR;
          default -> BufferedImage.TYPE_4BYTE_ABGR;
        };
    BufferedImage img = new BufferedImage(width, height, type);
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    if (channels == 1) {
      System.arraycopy(pixels, 0, data, 0, pixels.length);
    } else {
      // the raster stores BGR / ABGR: each pixel's channels reversed
      for (int p = 0; p < width * height; p++) {
        int o = p * channels;
        for (int k = 0; k < channels; k++) {
          data[o + k] = pixels[o + channels - 1 - k];
        }
      }
    }
    return img;
  }

  /** The image encoded as PNG (8 bits per sample); encoded on first use, then kept. */
  public byte[] png() {
    byte[] p = png;
    if (p == null) {
      synchronized (this) {
        p = png;
        if (p == null) {
          p = encodePng();
          png = p;
        }
      }
    }
    return p.clone();
  }

  /** The PNG without a defensive copy, for the writers in this library. */
  byte[] pngUnsafe() {
    png();
    return png;
  }

  private byte[] encodePng() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length / 2 + 128);
    var writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JVM has no PNG writer");
    }
    ImageWriter writer = writers.next();
    // In memory, not through ImageIO.write: that caches in a temp file (slower), which fails
    // during JVM shutdown, when a run still open is closed by the shutdown hook.
    try (var stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(toBufferedImage());
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a PNG in memory failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Whether {@code other} has this image's width, height and channels. */
  boolean sameShape(ImageData other) {
    return other.width == width && other.height == height && other.channels == channels;
  }

  /** {@code 28x28 grey}, {@code 32x32 RGB}: for messages. */
  public String describe() {
    String kind = channels == 1 ? "grey" : channels == 3 ? "RGB" : "RGBA";
    return String.format(Locale.ROOT, "%dx%d %s", height, width, kind);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageData i
        && i.height == height
        && i.width == width
        && i.channels == channels
        && Arrays.equals(i.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return (31 * (31 * height + width) + channels) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "ImageData{" + describe() + "}";
  }

  private static byte level(float v, PixelRange range, int y, int x) {
    if (!range.contains(v)) {
      throw new IllegalArgumentException(
          Float.isNaN(v)
              ? String.format(Locale.ROOT, "pixel [%d][%d] is NaN", y, x)
              : String.format(
                  Locale.ROOT,
                  "pixel [%d][%d] = %s is outside the stated range [%s, %s]",
                  y,
                  x,
                  v,
                  range.low(),
                  range.high()));
    }
    return (byte) range.level(v);
  }

  private static int rowLength(Object row, int y) {
    requireNonNull(row, () -> "image row " + y + " is null");
    return Array.getLength(row);
  }

  private static int checkSize(int height, int width) {
    checkArgument(height > 0 && width > 0, "image must have pixels: %sx%s", height, width);
    checkArgument(
        (long) height * width <= Integer.MAX_VALUE / 4,
        "image of %sx%s pixels is too large",
        height,
        width);
    return height * width;
  }

  private static void checkChannels(int channels) {
    checkArgument(
        channels == 1 || channels == 3 || channels == 4,
        "images have 1 (grey), 3 (RGB) or 4 (RGBA) channels, not %s",
        channels);
  }
}
