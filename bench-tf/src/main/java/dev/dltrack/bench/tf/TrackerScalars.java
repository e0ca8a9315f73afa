package dev.dltrack.bench.tf;

import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Path;

/** The tracker: {@link Run#scalar} per value, with the given output formats or the default ones. */
final class TrackerScalars implements ScalarMode {
  private final String[] formats;

  /** {@code formats}: as {@link Run.Builder#formats}; none for the default (every format). */
  TrackerScalars(String... formats) {
    this.formats = formats.clone();
  }

  /** A run writing into {@code dir}: named after it, in its parent. */
  static Run openRun(Path dir, String... formats) throws IOException {
    Run.Builder b = Run.builder(dir.getFileName().toString()).logRoot(dir.getParent());
    return (formats.length == 0 ? b : b.formats(formats)).open();
  }

  @Override
  public int batch() {
    return 1;
  }

  @Override
  public ScalarLogger open(Path dir) throws IOException {
    Run run = openRun(dir, formats);
    return new ScalarLogger() {
      @Override
      public void write(long firstStep, float[] values, int offset) {
        run.scalar(ScalarSubject.TAG, firstStep, values[offset]);
      }

      @Override
      public void close() throws IOException {
        run.close();
      }
    };
  }

  @Override
  public void close() {
    // a run holds nothing between directories
  }
}
