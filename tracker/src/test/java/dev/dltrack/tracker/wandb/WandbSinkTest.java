package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.SinkCompatibilityKit;
import java.io.IOException;
import java.nio.file.Path;

class WandbSinkTest extends SinkCompatibilityKit {
  @Override
  protected String format() {
    return "wandb";
  }

  @Override
  protected RunLog readBack(Path runDir, String name) throws IOException {
    return WandbRuns.readRunLog(runDir, name);
  }

  @Override
  protected double summaryValue(Path runDir, String key) throws IOException {
    return ((Number) WandbRuns.read(runDir).summary().get(key)).doubleValue();
  }
}
