package dev.dltrack.tracker.wandb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A W&amp;B run file that cannot be read: not JSON (or YAML), or not the shape W&amp;B writes. It
 * names the file and, where it is known, the line.
 */
public final class CorruptRunFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  private final int line;

  /**
   * A file or a line of it that cannot be read.
   *
   * @param file the file
   * @param line the 1-based line, or 0 when the problem is the file as a whole
   * @param problem what is wrong there
   * @param cause the parser's exception, or null
   */
  public CorruptRunFileException(Path file, int line, String problem, Throwable cause) {
    super(message(file, line, problem), cause);
    this.file = requireNonNull(file, "file");
    this.line = line;
  }

  private static String message(Path file, int line, String problem) {
    String where = line > 0 ? String.format(Locale.ROOT, "%s:%d", file, line) : file.toString();
    return where
        + ": "
        + problem
        + " (W&B and dltrack do not write this; repair or remove "
        + (line > 0 ? "that line" : "the file")
        + " to read the run)";
  }

  /**
   * The file that cannot be read.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * The 1-based line of the problem, or 0 when it concerns the whole file.
   *
   * @return the line, or 0
   */
  public int line() {
    return line;
  }
}
