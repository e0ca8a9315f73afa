package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Run;

/**
 * Mean |update| over mean |parameter| per trained parameter ({@code <layer>/update_ratio/<param>};
 * healthy near 1e-3), at the first iteration of every epoch and every {@code every} iterations (0:
 * once per epoch).
 */
public final class UpdateRatios {
  private final Run run;
  private final int every;
  private boolean pending = true;

  UpdateRatios(Run run, int every) {
    this.run = run;
    this.every = every;
  }

  void epochStarts() {
    pending = true;
  }

  /**
   * Whether the update of iteration {@code step} is to be logged; asking takes the epoch's first.
   */
  boolean due(long step) {
    if (isDue(step)) {
      pending = false;
      return true;
    }
    return false;
  }

  /**
   * Whether the update of iteration {@code step} is to be logged, without taking the epoch's first.
   */
  boolean isDue(long step) {
    return pending || (every > 0 && step % every == 0);
  }

  /** The epoch's first update has been logged (or passed). */
  void taken() {
    pending = false;
  }

  void log(long step, ModelView model) {
    for (ParameterView p : model.parameters()) {
      if (p.trained()) {
        double ratio = p.updateRatio();
        run.scalar(
            Tags.updateRatio(p.layer(), p.name()),
            step,
            Double.isFinite(ratio) ? ratio : Double.NaN);
      }
    }
  }
}
