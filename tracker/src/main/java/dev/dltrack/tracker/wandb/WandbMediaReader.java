package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads back the media values {@link WandbMedia} writes: {@code image-file} and {@code
 * images/separated} as images, {@code table-file} tables as PR curves (the PR columns) or
 * embeddings (an {@code embedding} column of vectors). A file that cannot be read is a warning, not
 * an error: the rest of the run stays readable.
 */
final class WandbMediaReader {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private WandbMediaReader() {}

  /** Reads {@code value} if it is a media value; returns whether it was one. */
  static boolean read(
      Path dir, String key, long step, double wallTime, Object value, RunLog.Builder run) {
    if (!(value instanceof Map<?, ?> m) || !(m.get("_type") instanceof String type)) {
      return false;
    }
    try {
      switch (type) {
        case "image-file" -> run.image(key, ImagePoint.of(step, wallTime, image(dir, m)));
        case "images/separated" -> {
          List<ImageData> images = new ArrayList<>();
          for (Object p : (List<?>) m.get("filenames")) {
            images.add(ImageData.fromPng(Files.readAllBytes(dir.resolve((String) p))));
          }
          run.image(key, new ImagePoint(step, wallTime, images));
        }
        case "table-file" -> table(dir, key, step, wallTime, m, run);
        default -> {
          return false;
        }
      }
    } catch (IOException | RuntimeException e) {
      run.warning(
          key
              + " at step "
              + step
              + ": "
              + type
              + " "
              + m.get("path")
              + " is unreadable ("
              + e.getMessage()
              + "); skipped");
    }
    return true;
  }

  private static ImageData image(Path dir, Map<?, ?> m) throws IOException {
    return ImageData.fromPng(Files.readAllBytes(dir.resolve((String) m.get("path"))));
  }

  private static void table(
      Path dir, String key, long step, double wallTime, Map<?, ?> ref, RunLog.Builder run)
      throws IOException {
    Map<String, Object> t =
        WandbFiles.JSON_MAPPER.readValue(dir.resolve((String) ref.get("path")).toFile(), MAP);
    List<String> columns = ((List<?>) t.get("columns")).stream().map(String::valueOf).toList();
    List<?> data = (List<?>) t.get("data");
    if (columns.equals(WandbMedia.PR_COLUMNS)) {
      int n = data.size();
      double[][] cols = new double[6][n];
      for (int i = 0; i < n; i++) {
        List<?> row = (List<?>) data.get(i);
        // tp, fp, tn, fn, precision, recall: columns 4..7, then 2, 3
        int[] from = {4, 5, 6, 7, 2, 3};
        for (int c = 0; c < 6; c++) {
          cols[c][i] = ((Number) row.get(from[c])).doubleValue();
        }
      }
      run.prCurve(
          key,
          new PrCurvePoint(
              step,
              wallTime,
              PrCurve.ofStored(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5])));
    } else if (columns.contains(WandbMedia.EMBEDDING_COLUMN)) {
      int vc = columns.indexOf(WandbMedia.EMBEDDING_COLUMN);
      int sc = columns.indexOf(WandbMedia.SPRITE_COLUMN);
      List<String> meta = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        if (c != vc && c != sc) {
          meta.add(columns.get(c));
        }
      }
      float[][] vectors = new float[data.size()][];
      List<List<String>> rows = new ArrayList<>();
      List<ImageData> sprites = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        List<?> row = (List<?>) data.get(i);
        List<?> v = (List<?>) row.get(vc);
        vectors[i] = new float[v.size()];
        for (int j = 0; j < v.size(); j++) {
          vectors[i][j] = ((Number) v.get(j)).floatValue();
        }
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          if (c != vc && c != sc) {
            cells.add(String.valueOf(row.get(c)));
          }
        }
        rows.add(cells);
        if (sc >= 0) {
          sprites.add(image(dir, (Map<?, ?>) row.get(sc)));
        }
      }
      Embedding e = Embedding.of(vectors);
      if (meta.equals(List.of(WandbMedia.LABEL_COLUMN))) {
        e = e.withLabels(rows.stream().map(r -> r.get(0)).toList());
      } else if (!meta.isEmpty()) {
        e = e.withMetadata(meta, rows);
      }
      if (!sprites.isEmpty()) {
        e = e.withSprites(sprites);
      }
      run.embedding(key, new EmbeddingPoint(step, e.check()));
    }
  }
}
