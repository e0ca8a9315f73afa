package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable embedding for TensorBoard's projector: {@link #size()} vectors of {@link
 * #dimension()} floats, with optional per-vector metadata (one label column, or a table with a
 * header) and optional sprites (one small image per vector).
 *
 * <pre>{@code
 * run.embedding("penultimate", step,
 *     Embedding.of(activations).withLabels(classNames).withSprites(thumbnails));
 * }</pre>
 *
 * <p>Every method copies what it is given, so the caller may reuse its arrays at once. The parts
 * are checked against each other when the embedding is logged ({@link Run#embedding} throws an
 * {@link IllegalArgumentException} naming the tag) or by {@link #check()}: vectors finite and of
 * one dimension, one metadata row per vector, rows as wide as the header, cells without tabs or
 * line breaks (TensorBoard's metadata file is tab-separated), sprites one per vector and of one
 * size.
 */
public final class Embedding {
  /** The largest side of the sprite sheet TensorBoard's projector accepts, in pixels. */
  public static final int MAX_SPRITE_SHEET_SIDE = 8192;

  private final float[][] vectors;
  private final List<String> header;
  private final List<List<String>> rows;
  private final List<ImageData> sprites;

  private Embedding(
      float[][] vectors, List<String> header, List<List<String>> rows, List<ImageData> sprites) {
    this.vectors = vectors;
    this.header = header;
    this.rows = rows;
    this.sprites = sprites;
  }

  /** An embedding of {@code vectors} ({@code [n][d]}), without metadata or sprites. */
  public static Embedding of(float[][] vectors) {
    requireNonNull(vectors, "vectors");
    float[][] copy = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      copy[i] = vectors[i] == null ? null : vectors[i].clone();
    }
    return new Embedding(copy, List.of(), List.of(), List.of());
  }

  /** An embedding of {@code vectors} as doubles, stored as floats (as TensorBoard stores them). */
  public static Embedding of(double[][] vectors) {
    requireNonNull(vectors, "vectors");
    float[][] copy = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] != null) {
        copy[i] = new float[vectors[i].length];
        for (int j = 0; j < copy[i].length; j++) {
          copy[i][j] = (float) vectors[i][j];
        }
      }
    }
    return new Embedding(copy, List.of(), List.of(), List.of());
  }

  /** This embedding with one label per vector (a metadata file of one column, no header). */
  public Embedding withLabels(List<String> labels) {
    requireNonNull(labels, "labels");
    List<List<String>> r = new ArrayList<>(labels.size());
    for (String label : labels) {
      r.add(Collections.singletonList(label));
    }
    return new Embedding(vectors, List.of(), List.copyOf(r), sprites);
  }

  /**
   * This embedding with a metadata table: {@code header} names the columns (at least two; for one
   * column use {@link #withLabels}), {@code rows} holds one row per vector.
   */
  public Embedding withMetadata(List<String> header, List<List<String>> rows) {
    requireNonNull(header, "header");
    requireNonNull(rows, "rows");
    List<List<String>> r = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      r.add(row == null ? null : Collections.unmodifiableList(new ArrayList<>(row)));
    }
    return new Embedding(
        vectors,
        Collections.unmodifiableList(new ArrayList<>(header)),
        Collections.unmodifiableList(r),
        sprites);
  }

  /** This embedding with one sprite (thumbnail) per vector, all of one size. */
  public Embedding withSprites(List<ImageData> sprites) {
    requireNonNull(sprites, "sprites");
    return new Embedding(
        vectors, header, rows, Collections.unmodifiableList(new ArrayList<>(sprites)));
  }

  /**
   * Checks the parts against each other (see the class comment) and returns this embedding.
   *
   * @throws IllegalArgumentException naming the first problem found
   */
  public Embedding check() {
    int n = vectors.length;
    checkArgument(n > 0, "no vectors: the embedding is empty");
    checkArgument(vectors[0] != null, "vector 0 is null");
    int d = vectors[0].length;
    checkArgument(d > 0, "vector 0 has no values");
    for (int i = 0; i < n; i++) {
      float[] v = vectors[i];
      checkArgument(
          v != null && v.length == d,
          "vector %s has %s values, vector 0 has %s",
          i,
          v == null ? "no" : v.length,
          d);
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(v[j])) {
          throw new IllegalArgumentException(
              lenientFormat("vector %s, value %s is %s (must be finite)", i, j, v[j]));
        }
      }
    }
    if (!rows.isEmpty() || !header.isEmpty()) {
      checkArgument(
          rows.size() == n, "%s metadata rows for %s vectors (one row per vector)", rows.size(), n);
      int width = header.isEmpty() ? 1 : header.size();
      checkArgument(
          header.isEmpty() || width >= 2,
          "a metadata table needs at least two columns (one column: withLabels): header %s",
          header);
      for (int c = 0; c < header.size(); c++) {
        checkCell(header.get(c), -1, c);
      }
      for (int i = 0; i < n; i++) {
        List<String> row = rows.get(i);
        checkArgument(
            row != null && row.size() == width,
            "metadata row %s has %s columns, the header %s",
            i,
            row == null ? "no" : row.size(),
            width);
        for (int c = 0; c < width; c++) {
          checkCell(row.get(c), i, c);
        }
      }
    }
    if (!sprites.isEmpty()) {
      checkArgument(
          sprites.size() == n,
          "%s sprites for %s vectors (one sprite per vector)",
          sprites.size(),
          n);
      ImageData first = requireNonNull(sprites.get(0), "sprite 0");
      for (int i = 1; i < n; i++) {
        ImageData s = sprites.get(i);
        // the message only on failure: formatting it for each of 1,000 sprites took milliseconds
        if (s == null || !first.sameShape(s)) {
          throw new IllegalArgumentException(
              lenientFormat(
                  "sprites must have one size: sprite 0 is %s, sprite %s is %s",
                  first.describe(), i, s == null ? "null" : s.describe()));
        }
      }
      long side = (long) spritesPerSide(n) * Math.max(first.width(), first.height());
      if (side > MAX_SPRITE_SHEET_SIDE) {
        throw new IllegalArgumentException(
            lenientFormat(
                "%s sprites of %s make a sheet of %s pixels a side; TensorBoard's projector takes at most %s",
                n, first.describe(), side, MAX_SPRITE_SHEET_SIDE));
      }
    }
    return this;
  }

  /** Checks a cell of metadata row {@code row} ({@code -1}: the header), column {@code column}. */
  private static void checkCell(String cell, int row, int column) {
    if (cell == null) {
      throw new IllegalArgumentException(where(row, column) + " is null");
    }
    if (cell.indexOf('\t') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          where(row, column)
              + " contains a tab or line break (the metadata file is tab-separated): '"
              + cell
              + "'");
    }
  }

  private static String where(int row, int column) {
    return row < 0 ? "header column " + column : "metadata row " + row + ", column " + column;
  }

  /** The sprites a sheet holds per row and per column: TensorBoard's square grid. */
  public static int spritesPerSide(int sprites) {
    return (int) Math.ceil(Math.sqrt(sprites));
  }

  /** The number of vectors. */
  public int size() {
    return vectors.length;
  }

  /** The number of values in each vector. */
  public int dimension() {
    return vectors.length == 0 || vectors[0] == null ? 0 : vectors[0].length;
  }

  /** A copy of vector {@code i}. */
  public float[] vector(int i) {
    return vectors[i].clone();
  }

  /** A copy of every vector. */
  public float[][] vectors() {
    float[][] out = new float[vectors.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vectors[i].clone();
    }
    return out;
  }

  /** The metadata's column names; empty for a single label column (or no metadata). */
  public List<String> header() {
    return header;
  }

  /** The metadata rows, one per vector (one cell each for labels); empty if there is none. */
  public List<List<String>> metadata() {
    return rows;
  }

  /** Whether the embedding has metadata. */
  public boolean hasMetadata() {
    return !rows.isEmpty();
  }

  /** The sprites, one per vector; empty if there are none. */
  public List<ImageData> sprites() {
    return sprites;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e
        && Arrays.deepEquals(e.vectors, vectors)
        && e.header.equals(header)
        && e.rows.equals(rows)
        && e.sprites.equals(sprites);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(vectors) * 31 + rows.hashCode();
  }

  @Override
  public String toString() {
    return "Embedding{"
        + size()
        + "x"
        + dimension()
        + (hasMetadata() ? ", metadata" : "")
        + (sprites.isEmpty() ? "" : ", sprites")
        + "}";
  }
}
