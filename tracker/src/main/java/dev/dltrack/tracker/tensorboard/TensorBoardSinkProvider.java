package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import java.io.IOException;

/** The "tensorboard" output format, found by {@link java.util.ServiceLoader}. */
public final class TensorBoardSinkProvider implements SinkProvider {
  @Override
  public String name() {
    return "tensorboard";
  }

  @Override
  public Sink open(RunInfo run) throws IOException {
    return TensorBoardSink.open(run, run.host(), ProcessHandle.current().pid());
  }
}
