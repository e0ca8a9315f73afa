package dev.dltrack.tracker.tensorboard;

import java.io.IOException;
import java.nio.file.Path;

/** An event file holds a record that fails its CRC or does not parse; names the file and offset. */
public final class CorruptEventFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Path file;
  private final long offset;

  CorruptEventFileException(Path file, long offset, String problem) {
    super(file + ": record at byte offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
