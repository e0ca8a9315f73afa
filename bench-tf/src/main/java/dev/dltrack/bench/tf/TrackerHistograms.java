package dev.dltrack.bench.tf;

import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Path;

/** The tracker: {@link Run#histogram(String, long, float[])}, TensorBoard format only. */
final class TrackerHistograms implements HistogramMode {
  @Override
  public HistogramLogger open(Path dir, float[] values) throws IOException {
    Run run = TrackerScalars.openRun(dir, "tensorboard");
    return new HistogramLogger() {
      @Override
      public void write(long step) {
        run.histogram(HistogramSubject.TAG, step, values);
      }

      @Override
      public void flush() throws IOException {
        run.flush();
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
