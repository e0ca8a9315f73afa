package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The "wandb" output format, found by {@link java.util.ServiceLoader}. */
public final class WandbSinkProvider implements SinkProvider {
  @Override
  public String name() {
    return "wandb";
  }

  @Override
  public Sink open(RunInfo run) throws IOException {
    Path dir = run.directory().resolve("wandb");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new FileAlreadyExistsException(
          dir.toString(),
          null,
          "is a file where the run's W&B files go; remove or rename it, or write only"
              + " formats(\"tensorboard\")");
    }
    return WandbSink.open(run);
  }
}
