package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.Run;
import java.util.List;
import java.util.Locale;

/**
 * One image of the first layer's weights ({@code <layer>/<param>/tiles}): each of the first {@code
 * units} hidden units' incoming weights as a {@code tileHeight × tileWidth} tile, in a grid of
 * {@code ceil(sqrt(units))} columns, on one colour scale per image that keeps zero at mid-grey
 * ({@code ±max|w|}).
 */
public final class WeightImages {
  private final Run run;
  private final int tileHeight;
  private final int tileWidth;
  private final int units;

  WeightImages(Run run, int tileHeight, int tileWidth, int units) {
    this.run = run;
    this.tileHeight = tileHeight;
    this.tileWidth = tileWidth;
    this.units = units;
  }

  void log(long step, ModelView model) {
    ModelView.UnitWeights w = model.inputWeights(units);
    if (w == null) {
      return;
    }
    float[][] tiles = w.units();
    float maxAbs = 0;
    for (float[] tile : tiles) {
      if (tile.length != tileHeight * tileWidth) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "weightImages(%d, %d, %d): %s has %d inputs, not %d = %d x %d",
                tileHeight,
                tileWidth,
                units,
                w.layer(),
                tile.length,
                tileHeight * tileWidth,
                tileHeight,
                tileWidth));
      }
      for (float v : tile) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    if (!Float.isFinite(maxAbs)) {
      return; // diverged: the loss says so, and NaN has no grey level
    }
    List<ImageData> images =
        ImageData.tiles(tiles, tileHeight, tileWidth, PixelRange.symmetric(maxAbs));
    int columns = (int) Math.ceil(Math.sqrt(tiles.length));
    run.image(Tags.weightTiles(w.layer(), w.param()), step, ImageData.grid(images, columns));
  }
}
