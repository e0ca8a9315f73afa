package dev.dltrack.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Wraps a listener and adds up the time its callbacks take on the training thread. End-to-end epoch
 * times on two cores vary by more than the few percent a listener costs; the time spent inside its
 * callbacks is that listener's direct cost, measured within one training run, and does not depend
 * on how fast the rest of the epoch happened to be.
 */
final class TimedListener implements TrainingListener {
  private final TrainingListener delegate;
  private long nanos;
  private final Map<String, Long> byCallback = new LinkedHashMap<>();

  TimedListener(TrainingListener delegate) {
    this.delegate = delegate;
  }

  /** Nanoseconds spent in the wrapped listener's callbacks so far. */
  long nanos() {
    return nanos;
  }

  /** Nanoseconds so far by callback name. */
  Map<String, Long> nanosByCallback() {
    return Map.copyOf(byCallback);
  }

  private void timed(String name, Runnable callback) {
    long t0 = System.nanoTime();
    try {
      callback.run();
    } finally {
      long t = System.nanoTime() - t0;
      nanos += t;
      byCallback.merge(name, t, Long::sum);
    }
  }

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    timed("iterationDone", () -> delegate.iterationDone(model, iteration, epoch));
  }

  @Override
  public void onEpochStart(Model model) {
    timed("onEpochStart", () -> delegate.onEpochStart(model));
  }

  @Override
  public void onEpochEnd(Model model) {
    timed("onEpochEnd", () -> delegate.onEpochEnd(model));
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    timed("onForwardPass", () -> delegate.onForwardPass(model, activations));
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    timed("onForwardPass", () -> delegate.onForwardPass(model, activations));
  }

  @Override
  public void onGradientCalculation(Model model) {
    timed("onGradientCalculation", () -> delegate.onGradientCalculation(model));
  }

  @Override
  public void onBackwardPass(Model model) {
    timed("onBackwardPass", () -> delegate.onBackwardPass(model));
  }
}
