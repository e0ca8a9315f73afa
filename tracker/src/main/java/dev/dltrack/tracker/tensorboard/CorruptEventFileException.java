package dev.dltrack.tracker.tensorboard;

import java.io.IOException;
import java.nio.file.Path;

/** An event file holds a record that fails its CRC or does not parse; names the file and offset. */
public final class CorruptEventFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The event file. */
  private final Path file;

  /** The byte offset of the record in it. */
  private final long offset;

  CorruptEventFileException(Path file, long offset, String problem) {
    super(file + ": record at byte offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /**
   * The event file that holds the record.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * Where the record starts in the file.
   *
   * @return the byte offset
   */
  public long offset() {
    return offset;
  }
}
