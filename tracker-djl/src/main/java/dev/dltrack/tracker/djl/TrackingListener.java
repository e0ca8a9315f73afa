package dev.dltrack.tracker.djl;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.instrument.Instrumentation;
import dev.dltrack.tracker.instrument.ListenerBuilder;
import dev.dltrack.tracker.instrument.NonFiniteLossException;
import dev.dltrack.tracker.instrument.Tags;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a DJL {@link Trainer}'s training into a {@link Run}, under the tags of the DL4J listener
 * (see {@link Tags}). Add it to the {@link TrainingConfig} with {@code addTrainingListeners}. Steps
 * are iterations: training batches seen so far.
 *
 * <ul>
 *   <li>every {@link Builder#lossEvery} iterations: {@code train/batch_loss}, the batch's loss (the
 *       trainer's loss on each device's predictions, weighted by its share of the batch);
 *   <li>at each epoch's end ({@code onEpoch}): {@code train/loss}, the epoch's mean batch loss, and
 *       {@code train/<evaluator>} for each of the trainer's evaluators (as {@code train/accuracy}),
 *       over the epoch's batches; where validation batches came, {@code val/loss} and {@code
 *       val/<evaluator>}; then {@code epoch} (1 for the first);
 *   <li>before the first update and at each epoch's end: histograms {@code <block path>/<param>} of
 *       every parameter; with a {@link Builder#probe probe}, {@code <block>/activation/mean},
 *       {@code .../std} and for ReLU blocks {@code <block>/dead_relu_fraction} for the children of
 *       a {@code SequentialBlock} that have parameters or are activations;
 *   <li>for the first batch and at each epoch's end (the epoch's last batch): gradient histograms
 *       {@code <block path>/grad/<param>};
 *   <li>for the first batch of every epoch and every {@link Builder#updateRatioEvery} batches:
 *       {@code <block path>/update_ratio/<param>}, mean |update| / mean |parameter|;
 *   <li>with {@link Builder#weightImages} (a {@code SequentialBlock} whose first block with
 *       parameters is a {@code Linear}): {@code <block>/weight/tiles};
 *   <li>with {@link Builder#embedding}: the penultimate child's output for fixed inputs, {@code
 *       <block>/activations}, for TensorBoard's projector;
 *   <li>at the first batch: the summaries {@code parameters} (the model's parameter count) and
 *       {@code batch_size}; {@link #hparams(TrainingConfig)} gives the rest of the configuration
 *       for the run's builder.
 * </ul>
 *
 * <p>Works with {@code EasyTrain.fit} and with a loop of the user's own ({@code
 * EasyTrain.trainBatch} and {@code trainer.step()}, then {@code trainer.notifyListeners(l ->
 * l.onEpoch(trainer))} after each epoch), with several devices, and does not need {@code
 * Trainer.getMetrics()}. A NaN or infinite loss throws {@link NonFiniteLossException} out of
 * training (unless turned off); to end the run as a failure when training throws, train inside
 * {@code Run.builder(name).track(run -> ...)} or call {@code run.fail(e)}. A listener logs one
 * trainer, the first that calls it.
 */
public final class TrackingListener implements TrainingListener {
  private static final Logger log = LoggerFactory.getLogger(TrackingListener.class);
  private static final String TRAIN_KEY = "dltrack/train";
  private static final String VAL_KEY = "dltrack/validate";

  private final Run run;
  private final Instrumentation instruments;
  private final DjlModel.Input probe;
  private final DjlModel.Input embeddingInputs;

  private Trainer trainer;
  private DjlModel model;

  /** The evaluators DJL computes, with their accumulators under our keys. */
  private List<Evaluator> evaluators;

  /** Whether the loss is computed in Java (see {@link SoftmaxInJava}). */
  private boolean lossInJava;

  /**
   * DJL's accuracy, counted by this listener (in Java where it can); null where none is configured.
   */
  private Evaluator accuracy;

  private final Tally trainTally = new Tally();
  private final Tally valTally = new Tally();
  private long step;

  /** The iteration whose update {@link DjlModel#snapshot} measures; -1 when none. */
  private long ratioStep = -1;

  private boolean batchesThisEpoch;
  private boolean firstBatchSeen;
  private boolean warnedOtherTrainer;

  private TrackingListener(Builder b) {
    this.run = b.run;
    this.probe = b.probe;
    this.embeddingInputs = b.embeddingInputs;
    this.instruments = b.instrumentation();
  }

  /**
   * A listener logging into {@code run}.
   *
   * @param run the run to log into
   * @return a builder of the listener
   */
  public static Builder builder(Run run) {
    return new Builder(run);
  }

  /**
   * The configuration a run records as its hyperparameters, for {@code
   * Run.builder(name).config(...)}: {@code optimizer}, {@code learning_rate} (the optimizer's at
   * its first update, where DJL's optimizer exposes it), {@code loss}, {@code evaluators} and
   * {@code devices}.
   *
   * @param config the trainer's configuration
   * @return the hyperparameters, in that order
   */
  public static Map<String, Object> hparams(TrainingConfig config) {
    requireNonNull(config, "config");
    Map<String, Object> h = new LinkedHashMap<>();
    Optimizer optimizer = config.getOptimizer();
    if (optimizer != null) {
      h.put("optimizer", optimizer.getClass().getSimpleName());
      Double lr = learningRate(optimizer);
      if (lr != null) {
        h.put("learning_rate", lr);
      }
    }
    if (config.getLossFunction() != null) {
      h.put("loss", config.getLossFunction().getName());
    }
    h.put(
        "evaluators",
        config.getEvaluators().stream().map(Evaluator::getName).collect(Collectors.joining(",")));
    Device[] devices = config.getDevices();
    if (devices != null) {
      h.put(
          "devices", Arrays.stream(devices).map(Device::toString).collect(Collectors.joining(",")));
    }
    return h;
  }

  /** DJL's optimizers keep their learning rate in a private tracker: read it, or give up. */
  private static Double learningRate(Optimizer optimizer) {
    for (Class<?> c = optimizer.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("learningRateTracker");
        f.setAccessible(true);
        Object t = f.get(optimizer);
        return t instanceof ParameterTracker tracker ? (double) tracker.getNewValue("", 0) : null;
      } catch (NoSuchFieldException e) {
        // a superclass may have it
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  /** The trainer this listener logs, bound at its first callback; false for another trainer. */
  private boolean bind(Trainer t) {
    if (trainer == t) {
      return true;
    }
    if (trainer == null) {
      trainer = t;
      model = new DjlModel(t, probe, embeddingInputs);
      evaluators = new ArrayList<>();
      lossInJava = SoftmaxInJava.handles(t.getLoss());
      for (Evaluator e : t.getEvaluators()) {
        if (accuracy == null && lossInJava && SoftmaxInJava.handles(e)) {
          accuracy = e;
        } else if (e != t.getLoss()) {
          e.addAccumulator(TRAIN_KEY);
          e.addAccumulator(VAL_KEY);
          evaluators.add(e);
        }
      }
      return true;
    }
    if (!warnedOtherTrainer) {
      warnedOtherTrainer = true;
      log.warn(
          "TrackingListener logs one trainer and ignores callbacks from another: build one per trainer");
    }
    return false;
  }

  @Override
  public synchronized void onTrainingBegin(Trainer t) {
    bind(t); // the trainer is not initialized yet: parameters have no values
  }

  @Override
  public synchronized void onTrainingBatch(Trainer t, BatchData data) {
    if (!bind(t) || run.isClosed()) {
      return;
    }
    finishUpdateRatios();
    if (!firstBatchSeen) {
      firstBatchSeen = true;
      // the gradient is computed, the parameters are not updated yet
      instruments.beforeTraining(model);
      run.summary("parameters", (double) model.parameterCount());
      run.summary("batch_size", data.getBatch().getSize());
    }
    if (!instruments.clock().isOpen()) {
      openEpoch();
    }
    Tally batch = evaluate(t, data, TRAIN_KEY);
    trainTally.add(batch);
    long examples = batch.examples;
    double loss = examples > 0 ? batch.lossSum / examples : Double.NaN;
    long s = step++;
    batchesThisEpoch = true;
    instruments.iteration(s, loss, examples);
    if (instruments.histograms() && (s == 0 || mayEndEpoch(data, s))) {
      model.copyGradients(s);
      if (s == 0) {
        instruments.gradients(0, model);
      }
    }
    if (instruments.updateRatiosDue(s)) {
      model.snapshot(); // the update comes with trainer.step(), after this callback
      ratioStep = s;
    }
    instruments.checkLoss(s, loss, instruments.clock().epochsEnded());
  }

  /**
   * Whether this batch may be its epoch's last, so that its gradient is copied before the update
   * clears it: DJL's batches say where they are in their dataset; where one does not, the core
   * decides from the epoch lengths seen (every batch until the first epoch ends).
   */
  private boolean mayEndEpoch(BatchData data, long s) {
    Batch batch = data.getBatch();
    long total = batch.getProgressTotal();
    if (total > 0) {
      return batch.getProgress() + 1 >= total;
    }
    return instruments.mayEndEpoch(s);
  }

  /**
   * One batch's loss and accuracy, over its devices' splits, each weighted by its size; DJL's other
   * evaluators accumulate under {@code key}.
   */
  private Tally evaluate(Trainer t, BatchData data, String key) {
    Tally batch = new Tally();
    for (Map.Entry<Device, NDList> e : data.getLabels().entrySet()) {
      NDList labels = e.getValue();
      NDList predictions = data.getPredictions().get(e.getKey());
      long n = labels.head().getShape().get(0);
      SoftmaxInJava.Result fast = lossInJava ? SoftmaxInJava.evaluate(labels, predictions) : null;
      if (fast != null) {
        batch.lossSum += fast.loss() * n;
        batch.correct += fast.correct();
      } else {
        batch.lossSum += loss(t, labels, predictions) * n;
        if (accuracy != null) {
          // DJL's accuracy evaluates to the number of correct predictions
          try (NDArray a = accuracy.evaluate(labels, predictions);
              NDArray c = a.toType(DataType.INT64, false)) {
            batch.correct += c.getLong();
          }
        }
      }
      batch.examples += n;
      for (Evaluator ev : evaluators) {
        ev.updateAccumulator(key, labels, predictions);
      }
    }
    return batch;
  }

  /** Loss and correct predictions summed over examples. */
  private static final class Tally {
    double lossSum;
    long correct;
    long examples;

    void add(Tally b) {
      lossSum += b.lossSum;
      correct += b.correct;
      examples += b.examples;
    }

    void reset() {
      lossSum = 0;
      correct = 0;
      examples = 0;
    }
  }

  private static double loss(Trainer t, NDList labels, NDList predictions) {
    try (NDArray l = t.getLoss().evaluate(labels, predictions)) {
      return l.getFloat();
    }
  }

  private void openEpoch() {
    instruments.epochStarts(step);
    batchesThisEpoch = false;
    trainTally.reset();
    valTally.reset();
    for (Evaluator ev : evaluators) {
      ev.resetAccumulator(TRAIN_KEY);
      ev.resetAccumulator(VAL_KEY);
    }
  }

  /**
   * Logs the update ratios of the update {@code trainer.step()} applied since the last callback.
   */
  private void finishUpdateRatios() {
    if (ratioStep >= 0) {
      instruments.updateRatios(ratioStep, model);
      ratioStep = -1;
      model.clearSnapshot();
    }
  }

  @Override
  public synchronized void onValidationBatch(Trainer t, BatchData data) {
    if (!bind(t) || run.isClosed()) {
      return;
    }
    finishUpdateRatios();
    valTally.add(evaluate(t, data, VAL_KEY));
  }

  @Override
  public synchronized void onEpoch(Trainer t) {
    if (!bind(t) || run.isClosed() || !firstBatchSeen) {
      return;
    }
    finishUpdateRatios();
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (batchesThisEpoch) {
      putMetrics(metrics, Tags.TRAIN, trainTally, TRAIN_KEY);
    }
    if (valTally.examples > 0) {
      metrics.put(Tags.VAL_LOSS, valTally.lossSum / valTally.examples);
      putMetrics(metrics, Tags.VAL, valTally, VAL_KEY);
    }
    // the last batch's gradient, when it was copied (an epoch shorter than the one before leaves
    // none: better no histogram than a stale one)
    instruments.epochEnds(
        step,
        instruments.clock().epochsEnded() + 1,
        model,
        metrics,
        batchesThisEpoch && model.gradientStep() == step - 1);
    openEpoch();
  }

  private void putMetrics(Map<String, Double> metrics, String prefix, Tally tally, String key) {
    for (Evaluator ev : trainer.getEvaluators()) {
      if (ev == accuracy && tally.examples > 0) {
        metrics.put(Tags.metric(prefix, metricName(ev)), (double) tally.correct / tally.examples);
      } else if (evaluators.contains(ev)) {
        metrics.put(Tags.metric(prefix, metricName(ev)), (double) ev.getAccumulator(key));
      }
    }
  }

  @Override
  public synchronized void onTrainingEnd(Trainer t) {
    if (!bind(t) || run.isClosed()) {
      return;
    }
    finishUpdateRatios();
  }

  /** {@code Accuracy} → {@code accuracy}, {@code TopKAccuracy} → {@code top_k_accuracy}. */
  static String metricName(Evaluator ev) {
    String name = ev.getName();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
        s.append('_');
      }
      s.append(Character.toLowerCase(c));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Configures a {@link TrackingListener}; the defaults are the DL4J listener's. The options every
   * framework shares are the core's {@link ListenerBuilder}'s, which hands them to an {@link
   * Instrumentation.Builder} that checks them and holds their defaults; this builder keeps only
   * DJL's inputs (probe, embedding inputs).
   */
  public static final class Builder extends ListenerBuilder<Builder> {
    private final Run run;
    private DjlModel.Input probe;
    private DjlModel.Input embeddingInputs;

    private Builder(Run run) {
      super(requireNonNull(run, "run"));
      this.run = run;
    }

    @Override
    protected Builder self() {
      return this;
    }

    private Instrumentation instrumentation() {
      return core().build();
    }

    /**
     * A fixed batch of inputs ({@code values} row-major, of {@code shape}, the first dimension the
     * examples), whose activations are measured before training and at each epoch's end; copied.
     *
     * @param values the inputs, row-major
     * @param shape their shape, the examples first
     * @return this builder
     */
    public Builder probe(float[] values, Shape shape) {
      this.probe = input(values, shape, "probe");
      core().activations(true);
      return this;
    }

    /**
     * Log the penultimate block's output for {@code values} (of {@code shape}, one example per
     * first index; copied) as an embedding, labelled by {@code labels}, with {@code sprites} empty
     * or one per example. Off by default.
     *
     * @param values the inputs, row-major
     * @param shape their shape, the examples first
     * @param labels the name of each example
     * @param sprites one thumbnail per example, or none
     * @return this builder
     */
    public Builder embedding(
        float[] values, Shape shape, List<String> labels, List<ImageData> sprites) {
      DjlModel.Input in = input(values, shape, "embedding");
      requireNonNull(labels, "labels");
      requireNonNull(sprites, "sprites");
      checkArgument(
          labels.size() == shape.get(0),
          "embedding: %s labels for %s inputs",
          labels.size(),
          shape.get(0));
      core().embedding(labels, sprites); // checks the sprites against the labels, one per input
      this.embeddingInputs = in;
      return this;
    }

    private static DjlModel.Input input(float[] values, Shape shape, String what) {
      requireNonNull(values, "values");
      requireNonNull(shape, "shape");
      checkArgument(
          shape.dimension() >= 1 && shape.get(0) >= 1 && shape.size() == values.length,
          "%s: %s values for shape %s",
          what,
          values.length,
          shape);
      return new DjlModel.Input(values.clone(), shape);
    }

    /**
     * The listener, for {@code TrainingConfig.addTrainingListeners}.
     *
     * @return the listener
     */
    public TrackingListener build() {
      return new TrackingListener(this);
    }
  }
}
