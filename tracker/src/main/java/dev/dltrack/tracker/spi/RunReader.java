package dev.dltrack.tracker.spi;

import dev.dltrack.tracker.read.RunLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads runs of one output format back: the mirror of {@link SinkProvider}. Implementations are
 * listed in {@code META-INF/services/dev.dltrack.tracker.spi.RunReader}, need a public
 * no-argument constructor, and are found by {@link dev.dltrack.tracker.read.LogRoot#read}.
 */
public interface RunReader {
  /**
   * The format's name, as {@link SinkProvider#name()} gives it.
   *
   * @return the format's name
   */
  String name();

  /**
   * Whether {@code dir} holds a run in this format (cheap: looks for the format's files).
   *
   * @param dir a directory under the log root
   * @return whether this reader reads it as a run
   */
  boolean holdsRun(Path dir);

  /**
   * The run in {@code dir}, named {@code name}. A record that cannot be read is skipped and
   * reported in {@link RunLog#warnings()} with its file and position; everything else is read.
   *
   * @param dir the run's directory
   * @param name the run's name, its path relative to the log root
   * @return what the run logged
   * @throws IOException if the run cannot be read at all
   */
  RunLog read(Path dir, String name) throws IOException;
}
