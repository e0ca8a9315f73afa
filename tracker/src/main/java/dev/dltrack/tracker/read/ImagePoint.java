package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.ImageData;
import java.util.List;

/**
 * The images of a tag at a step (one, or a batch as TensorBoard's samples); the wall time in
 * seconds since the epoch.
 */
public record ImagePoint(long step, double wallTime, List<ImageData> images) {
  /**
   * Copies the images.
   *
   * @param step the step
   * @param wallTime the wall time, in seconds since the epoch
   * @param images the images
   */
  public ImagePoint {
    images = List.copyOf(images);
  }

  /**
   * The first (often the only) image.
   *
   * @return the first image
   */
  public ImageData image() {
    return images.get(0);
  }

  /**
   * One image at a step.
   *
   * @param step the step
   * @param wallTime the wall time, in seconds since the epoch
   * @param image the image
   * @return the point
   */
  public static ImagePoint of(long step, double wallTime, ImageData image) {
    return new ImagePoint(step, wallTime, List.of(requireNonNull(image, "image")));
  }
}
