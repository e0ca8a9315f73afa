package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.spi.RunReader;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a run's TensorBoard event files, for {@link dev.dltrack.tracker.read.LogRoot#read}. */
public final class EventFileRunReader implements RunReader {
  @Override
  public String name() {
    return "tensorboard";
  }

  @Override
  public boolean holdsRun(Path dir) {
    return TensorBoardReader.hasEventFiles(dir);
  }

  @Override
  public RunLog read(Path dir, String name) throws IOException {
    return TensorBoardReader.readRun(dir, name);
  }
}
