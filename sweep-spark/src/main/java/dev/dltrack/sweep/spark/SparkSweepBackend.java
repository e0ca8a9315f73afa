package dev.dltrack.sweep.spark;

import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.SweepBackend;
import dev.dltrack.trainer.study.SweepProgress;
import dev.dltrack.trainer.study.SweepRequest;
import java.util.List;

/**
 * The {@code spark} sweep backend, found by {@code sweep --spark} with {@link
 * java.util.ServiceLoader}.
 */
public final class SparkSweepBackend implements SweepBackend {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public List<RunResult> run(SweepRequest request, SweepProgress progress) throws Exception {
    return SparkSweep.of(request).run(progress);
  }
}
