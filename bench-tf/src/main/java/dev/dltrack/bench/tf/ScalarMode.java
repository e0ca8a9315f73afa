package dev.dltrack.bench.tf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of logging scalars (the tracker, or TensorFlow's writer driven one way or another). Set
 * up once, since TensorFlow's graph and session are built once and reused; it then opens a logger
 * per directory.
 */
interface ScalarMode extends AutoCloseable {
  /** How many values one {@link ScalarLogger#write} call logs. */
  int batch();

  /** Starts logging into {@code dir}, which the logger creates. */
  ScalarLogger open(Path dir) throws IOException;

  @Override
  void close();

  /** Scalars being logged into one directory. */
  interface ScalarLogger extends AutoCloseable {
    /** Logs {@code values[offset + i]} at step {@code firstStep + i}, for {@code i < batch()}. */
    void write(long firstStep, float[] values, int offset);

    /** Writes everything logged to disk and releases the writer. */
    @Override
    void close() throws IOException;
  }
}
