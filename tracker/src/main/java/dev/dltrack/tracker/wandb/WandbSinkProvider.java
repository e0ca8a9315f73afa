package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import java.io.IOException;

/** The "wandb" output format, found by {@link java.util.ServiceLoader}. */
public final class WandbSinkProvider implements SinkProvider {
  @Override
  public String name() {
    return "wandb";
  }

  @Override
  public Sink open(RunInfo run) throws IOException {
    return WandbSink.open(run);
  }
}
