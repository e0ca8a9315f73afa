package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.spi.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link RunReader} of a run's W&amp;B files, which {@link
 * dev.dltrack.tracker.read.LogRoot#read} finds as a service; the reading itself is {@link
 * WandbRuns}'s.
 */
public final class WandbRunReader implements RunReader {
  @Override
  public String name() {
    return "wandb";
  }

  @Override
  public boolean holdsRun(Path dir) {
    Path wandb = dir.resolve("wandb");
    return Files.isRegularFile(wandb.resolve("wandb-history.jsonl"))
        || Files.isRegularFile(wandb.resolve("wandb-summary.json"));
  }

  @Override
  public RunLog read(Path dir, String name) throws IOException {
    return WandbRuns.readRunLog(dir, name);
  }
}
