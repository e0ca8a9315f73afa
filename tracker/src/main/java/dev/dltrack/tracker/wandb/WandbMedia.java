package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.hash.Hashing;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.internal.SideFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W&amp;B's media files and the history values that point at them, as {@code wandb} writes them:
 * images as {@code media/images/<key>_<step>_<hash>.png} referenced by an {@code image-file} value
 * ({@code images/separated} for a batch, its images named {@code <key>_<step>_<i>.png}, as {@code
 * wandb} names a sequence's), tables as {@code media/table/<key>_<step>_<hash>.table.json} ({@code
 * {"columns": [...], "data": [[...]]}}) referenced by a {@code table-file} value. Paths are
 * relative to the run's files directory ({@code <run>/wandb/}); the hash is the first 20 hex digits
 * of the file's SHA-256.
 */
final class WandbMedia {
  static final String IMAGES = "media/images/";
  static final String TABLES = "media/table/";

  /**
   * The columns of a PR curve's table; W&amp;B's own {@code pr_curve} chart reads class, precision,
   * recall.
   */
  static final List<String> PR_COLUMNS =
      List.of("class", "threshold", "precision", "recall", "tp", "fp", "tn", "fn");

  /** The column of an embedding's table that holds the vectors. */
  static final String EMBEDDING_COLUMN = "embedding";

  /** The column of an embedding's table that holds the sprites. */
  static final String SPRITE_COLUMN = "sprite";

  /** The column of an embedding's table that holds single labels. */
  static final String LABEL_COLUMN = "label";

  private final Path dir;
  private final SideFiles files;

  /** The offline run's {@code files/}, where every media file is also linked, or null. */
  private final Path mirror;

  /** Media files written since {@link #takeWritten()}, relative to the files directory. */
  private final List<String> written = new ArrayList<>();

  /** The sprites of this session's last embedding, under its key, and their table cells. */
  private String lastSpritesKey;

  private List<ImageData> lastSprites;
  private List<Map<String, Object>> lastSpriteCells;

  WandbMedia(Path dir, SideFiles files) {
    this(dir, files, null);
  }

  /**
   * Writes media under {@code dir} and, when {@code mirror} is not null, also under {@code mirror}:
   * a hard link to the same file where the file system has them, else a copy.
   */
  WandbMedia(Path dir, SideFiles files, Path mirror) {
    this.dir = dir;
    this.files = files;
    this.mirror = mirror;
  }

  /** The media files written since the last call, relative to the files directory. */
  List<String> takeWritten() {
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> out = List.copyOf(written);
    written.clear();
    return out;
  }

  private void written(String path, byte[] content, boolean once) throws IOException {
    Path link = mirror == null ? null : mirror.resolve(path);
    if (once && link != null && Files.exists(link)) {
      return; // a sprite logged before: named by its content, listed then
    }
    written.add(path);
    if (link == null) {
      return;
    }
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    try {
      Files.createLink(link, dir.resolve(path));
    } catch (UnsupportedOperationException | IOException noLinks) {
      files.write(link, content);
    }
  }

  /** Writes the images and returns the history value for them. */
  Map<String, Object> images(String key, long step, List<ImageData> images) throws IOException {
    if (images.size() == 1) {
      return image(key, step, images.get(0));
    }
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      // as wandb names a sequence's images: by their index, not their hash
      paths.add((String) image(key + "_" + step + "_" + i, false, images.get(i)).get("path"));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("_type", "images/separated");
    v.put("width", images.get(0).width());
    v.put("height", images.get(0).height());
    v.put("format", "png");
    v.put("count", images.size());
    v.put("filenames", paths);
    return v;
  }

  /** Writes one PNG as {@code <key>_<step>_<hash>.png} and returns its {@code image-file} value. */
  Map<String, Object> image(String key, long step, ImageData image) throws IOException {
    return image(key + "_" + step + "_", true, image);
  }

  /** Writes one PNG named {@code <stem>.png}, or {@code <stem><hash>.png} if {@code hashed}. */
  private Map<String, Object> image(String stem, boolean hashed, ImageData image)
      throws IOException {
    byte[] png = image.png();
    String sha = Hashing.sha256().hashBytes(png).toString();
    String path = IMAGES + stem + (hashed ? sha.substring(0, 20) : "") + ".png";
    files.write(dir.resolve(path), png);
    written(path, png, false);
    return imageFile(path, sha, png.length, image);
  }

  /** Writes the curve's table, one row per threshold, and returns its {@code table-file} value. */
  Map<String, Object> prCurve(String key, long step, PrCurve c) throws IOException {
    String cls = key.substring(key.lastIndexOf('/') + 1);
    double[] p = c.precision();
    double[] r = c.recall();
    double[] tp = c.truePositives();
    double[] fp = c.falsePositives();
    double[] tn = c.trueNegatives();
    double[] fn = c.falseNegatives();
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < c.thresholds(); i++) {
      rows.add(List.of(cls, c.threshold(i), p[i], r[i], tp[i], fp[i], tn[i], fn[i]));
    }
    return table(key, step, PR_COLUMNS, rows);
  }

  /**
   * Writes the embedding's table: the metadata columns ({@value #LABEL_COLUMN} for single labels),
   * then {@value #EMBEDDING_COLUMN} (the vector), then {@value #SPRITE_COLUMN} (an {@code
   * image-file} per row) when there are sprites.
   */
  Map<String, Object> embedding(String key, long step, Embedding e) throws IOException {
    List<String> columns = new ArrayList<>();
    if (e.hasMetadata()) {
      columns.addAll(e.header().isEmpty() ? List.of(LABEL_COLUMN) : e.header());
    }
    columns.add(EMBEDDING_COLUMN);
    boolean sprites = !e.sprites().isEmpty();
    if (sprites) {
      columns.add(SPRITE_COLUMN);
    }
    List<Map<String, Object>> spriteCells = sprites ? spriteCells(key, e.sprites()) : null;
    List<List<Object>> rows = new ArrayList<>(e.size());
    for (int i = 0; i < e.size(); i++) {
      List<Object> row = new ArrayList<>(columns.size());
      if (e.hasMetadata()) {
        row.addAll(e.metadata().get(i));
      }
      row.add(e.vector(i));
      if (sprites) {
        row.add(spriteCells.get(i));
      }
      rows.add(row);
    }
    return table(key, step, columns, rows);
  }

  /**
   * The sprite column's cells. A run usually logs the same inputs at every step: their cells (each
   * a PNG's hash and a look for its file) are made once and reused for later steps.
   */
  private List<Map<String, Object>> spriteCells(String key, List<ImageData> sprites)
      throws IOException {
    if (!key.equals(lastSpritesKey) || !sprites.equals(lastSprites)) {
      List<Map<String, Object>> cells = new ArrayList<>(sprites.size());
      for (ImageData sprite : sprites) {
        cells.add(sprite(key, sprite));
      }
      lastSpritesKey = key;
      lastSprites = sprites;
      lastSpriteCells = cells;
    }
    return lastSpriteCells;
  }

  /**
   * A sprite of an embedding's table, named by its content ({@code <key>_sprite_<hash>.png}) so
   * that the same thumbnails logged again (before training and after, say) are written once, and
   * not forced to the device one by one (see {@link SideFiles#writeOnceUnsynced}).
   */
  private Map<String, Object> sprite(String key, ImageData image) throws IOException {
    byte[] png = image.png();
    String sha = Hashing.sha256().hashBytes(png).toString();
    String path = IMAGES + key + "_sprite_" + sha.substring(0, 20) + ".png";
    files.writeOnceUnsynced(dir.resolve(path), png);
    written(path, png, true);
    return imageFile(path, sha, png.length, image);
  }

  private static Map<String, Object> imageFile(String path, String sha, int size, ImageData image) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("_type", "image-file");
    v.put("path", path);
    v.put("sha256", sha);
    v.put("size", size);
    v.put("format", "png");
    v.put("width", image.width());
    v.put("height", image.height());
    return v;
  }

  private Map<String, Object> table(
      String key, long step, List<String> columns, List<List<Object>> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = WandbFiles.JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("columns");
      for (String c : columns) {
        json.writeString(c);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("data");
      for (List<Object> row : rows) {
        HistoryWriter.writeValue(json, row);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    byte[] bytes = out.toByteArray();
    String sha = Hashing.sha256().hashBytes(bytes).toString();
    String path = TABLES + key + "_" + step + "_" + sha.substring(0, 20) + ".table.json";
    files.write(dir.resolve(path), bytes);
    written(path, bytes, false);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("_type", "table-file");
    v.put("path", path);
    v.put("sha256", sha);
    v.put("size", bytes.length);
    v.put("ncols", columns.size());
    v.put("nrows", rows.size());
    return v;
  }
}
