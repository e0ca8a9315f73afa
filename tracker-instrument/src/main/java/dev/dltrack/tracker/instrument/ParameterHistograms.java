package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;

/**
 * Histograms of every parameter's values ({@code <layer>/<param>}) and of every trained parameter's
 * gradient ({@code <layer>/grad/<param>}).
 */
public final class ParameterHistograms {
  private final Run run;

  ParameterHistograms(Run run) {
    this.run = run;
  }

  void values(long step, ModelView model) {
    for (ParameterView p : model.parameters()) {
      run.histogram(Tags.parameter(p.layer(), p.name()), step, p.values());
    }
  }

  void gradients(long step, ModelView model) {
    for (ParameterView p : model.parameters()) {
      if (!p.trained()) {
        continue;
      }
      float[] g = p.gradient();
      if (g != null) {
        run.histogram(Tags.gradient(p.layer(), p.name()), step, g);
      }
    }
  }
}
