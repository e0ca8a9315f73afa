package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file exists but cannot be trusted: not gzip, truncated, a malformed IDX header, images
 * and labels that disagree, or content that differs from the official FashionMNIST file. The
 * message names the file and the problem; the loader never falls back to another copy, so a damaged
 * file is noticed rather than silently replaced.
 */
public final class CorruptDatasetException extends IOException {
  private final Path file;

  CorruptDatasetException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = requireNonNull(file, "file");
  }

  /** The file that failed the check. */
  public Path file() {
    return file;
  }
}
