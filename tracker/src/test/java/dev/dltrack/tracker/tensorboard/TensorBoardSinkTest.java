package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.SinkCompatibilityKit;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.io.IOException;
import java.nio.file.Path;

class TensorBoardSinkTest extends SinkCompatibilityKit {
  @Override
  protected String format() {
    return "tensorboard";
  }

  @Override
  protected RunLog readBack(Path runDir, String name) throws IOException {
    return TensorBoardRuns.readRun(runDir, name);
  }

  @Override
  protected double summaryValue(Path runDir, String key) throws IOException {
    return readBack(runDir, "summary").lastScalar(key).orElseThrow().value();
  }

  @Override
  protected void checkFiles(Path runDir) throws Exception {
    TfeventsCheck.assertSound(runDir);
  }
}
