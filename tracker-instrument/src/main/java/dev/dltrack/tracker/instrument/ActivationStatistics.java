package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;
import java.util.Map;

/**
 * Per layer, the probe batch's activation mean and standard deviation and, for ReLU layers, the
 * fraction of dead units ({@code <layer>/activation/mean}, {@code .../std}, {@code
 * <layer>/dead_relu_fraction}).
 */
public final class ActivationStatistics {
  private final Run run;

  ActivationStatistics(Run run) {
    this.run = run;
  }

  void log(long step, ModelView model) {
    for (Map.Entry<String, ActivationStats> e : model.probeActivations().entrySet()) {
      ActivationStats s = e.getValue();
      run.scalar(Tags.activationMean(e.getKey()), step, s.mean());
      run.scalar(Tags.activationStd(e.getKey()), step, s.std());
      if (s.relu()) {
        run.scalar(Tags.deadReluFraction(e.getKey()), step, s.deadFraction());
      }
    }
  }
}
