package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.spi.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a run's W&amp;B files, for {@link dev.dltrack.tracker.read.LogRoot#read}. */
public final class WandbFileRunReader implements RunReader {
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
    return WandbRunReader.readRunLog(dir, name);
  }
}
