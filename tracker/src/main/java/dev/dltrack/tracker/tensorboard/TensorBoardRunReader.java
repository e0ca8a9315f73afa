package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.spi.RunReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link RunReader} of a run's TensorBoard event files, which {@link
 * dev.dltrack.tracker.read.LogRoot#read} finds as a service; the reading itself is {@link
 * TensorBoardRuns}'s.
 */
public final class TensorBoardRunReader implements RunReader {
  @Override
  public String name() {
    return "tensorboard";
  }

  @Override
  public boolean holdsRun(Path dir) {
    return TensorBoardRuns.hasEventFiles(dir);
  }

  @Override
  public RunLog read(Path dir, String name) throws IOException {
    return TensorBoardRuns.readRun(dir, name);
  }
}
