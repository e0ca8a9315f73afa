package dev.dltrack.bench.tf;

import java.io.IOException;
import java.nio.file.Path;

/** One way of logging histograms; set up once, then opens a logger per directory. */
interface HistogramMode extends AutoCloseable {
  /**
   * Starts logging histograms of {@code values} into {@code dir}. The values are put into the
   * writer's own container here (a TensorFlow tensor, say), outside what is timed: a program using
   * that writer would hold its data there already.
   */
  HistogramLogger open(Path dir, float[] values) throws IOException;

  @Override
  void close();

  /** Histograms of fixed values being logged into one directory. */
  interface HistogramLogger extends AutoCloseable {
    /** Logs a histogram of the values at {@code step}, under {@link HistogramSubject#TAG}. */
    void write(long step);

    /** Returns when everything logged is synced to disk. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
  }
}
