package dev.dltrack.tracker.dl4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.instrument.ActivationStats;
import dev.dltrack.tracker.instrument.Instrumentation;
import dev.dltrack.tracker.instrument.ListenerBuilder;
import dev.dltrack.tracker.instrument.ModelView;
import dev.dltrack.tracker.instrument.NamedParameterView;
import dev.dltrack.tracker.instrument.ParameterView;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the training of a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph}, with any
 * layers, into a {@link Run}. Steps are the network's iteration count: the number of updates
 * applied so far. (For {@code SameDiff.fit}, {@link Builder#buildForSameDiff()} makes the SameDiff
 * listener.)
 *
 * <p>Layers are named in tags {@code layer<i>} in a MultiLayerNetwork (the layer's index) and by
 * their vertex names in a ComputationGraph, written {@code <layer>} below.
 *
 * <ul>
 *   <li>every {@link Builder#lossEvery} iterations: {@code train/batch_loss}, the minibatch loss
 *       (for a graph with several outputs, the sum of their losses, as DL4J scores it);
 *   <li>at the end of each epoch: {@code train/loss}, the running mean of the minibatch losses over
 *       the epoch, {@code epoch} (1 for the first), and per output, as running means over the
 *       epoch's minibatches (as Keras reports them): {@code train/accuracy} for a classification
 *       output (softmax or sigmoid with a cross-entropy loss; a sigmoid output's accuracy is that
 *       of each of its values thresholded at 0.5), {@code train/mse} and {@code train/mae} for a
 *       regression output (MSE, L2, L1, MAE, MSLE or MAPE loss), nothing for other losses. A graph
 *       with several outputs logs {@code train/<output>/accuracy} etc., one set per output vertex;
 *   <li>per layer, before the first update and after every epoch: histograms {@code
 *       <layer>/<param>} of each parameter, including state that no updater trains (batch
 *       normalization's running {@code mean} and {@code var}/{@code log10stdev}, frozen layers);
 *       with a {@link Builder#probe probe batch}, for layers with parameters and activation layers,
 *       {@code <layer>/activation/mean} and {@code .../std} and, for ReLU layers, {@code
 *       <layer>/dead_relu_fraction}: the fraction of units (features of a dense layer, channels of
 *       a convolutional or recurrent one) that output 0 for every probe example (and every position
 *       or time step);
 *   <li>per trained parameter, for the first minibatch and at the end of every epoch (the epoch's
 *       last minibatch): gradient histograms {@code <layer>/grad/<param>} (see {@link
 *       Builder#iterationsPerEpoch} for what that costs in the first epoch);
 *   <li>per trained parameter, at the first iteration of every epoch and every {@link
 *       Builder#updateRatioEvery} iterations: {@code <layer>/update_ratio/<param>}, mean |update| /
 *       mean |parameter|, the DL4J training UI's main diagnostic (healthy near 1e-3);
 *   <li>with {@link Builder#weightImages} (a MultiLayerNetwork), before the first update and after
 *       every epoch: {@code layer0/W/tiles}, one image of the first layer's weights, each hidden
 *       unit's incoming weights as a tile (784 as 28×28), on one colour scale per image that keeps
 *       zero at mid-grey ({@code ±max|w|}), so constant, positive-only and zero-centred schemes
 *       look apart;
 *   <li>with {@link Builder#embedding} (a MultiLayerNetwork), before the first update and after
 *       every {@link Builder#embeddingEvery}-th epoch: {@code layer<n-2>/activations}, the
 *       penultimate layer's activations for fixed inputs, as an embedding for TensorBoard's
 *       projector, with a label (and optionally a sprite) per input.
 * </ul>
 *
 * <h2>Epochs</h2>
 *
 * DL4J tells listeners where epochs begin and end when it drives the loop: {@code fit(iterator)},
 * {@code fit(iterator, epochs)} and {@code EarlyStoppingTrainer} need nothing more. In a loop of
 * your own over minibatches ({@code net.fit(dataSet)} per batch), DL4J cannot know where your epoch
 * ends: call {@link #epochEnd()} after each pass over the data, and everything per epoch is logged
 * there. Without it, only the per-iteration tags and the before-training histograms appear (a
 * warning says so after {@value #EPOCHLESS_WARNING} iterations). Calling {@code epochEnd()} where
 * DL4J has just ended the epoch itself does nothing, so it is never logged twice.
 *
 * <h2>Threads</h2>
 *
 * The listener logs one model, on the thread that trains it: the one {@link Builder#model} names,
 * else the first that calls it; callbacks from any other model return at once, with one warning.
 *
 * <p>Under {@code ParallelWrapper} (module {@code deeplearning4j-parallel-wrapper}; tested with two
 * workers in its default mode, parameter averaging), name the wrapped network with {@code
 * model(net)} and set the listener on the network before wrapping it (the wrapper's builder takes
 * it over) or with {@code wrapper.setListeners}; either way each worker adds it once to the model
 * it trains. Worker 0 trains the wrapped network itself (the other workers build a replica from it,
 * a new one per {@code fit}), so the run is the wrapped network's history, logged from worker 0's
 * thread: steps are its own iteration count (with 2 workers, half the minibatches), the losses and
 * metrics are those of its minibatches, the histograms those of its parameters, averaged with the
 * other workers' every averaging period. The replicas' callbacks are ignored. ParallelWrapper calls
 * no epoch callbacks: call {@link #epochEnd()} after each {@code wrapper.fit(iterator)}. (Its
 * {@code SHARED_GRADIENTS} mode is not tested: in DL4J 1.0.0-M2.1 on CPU a second {@code fit} can
 * hang in DL4J's own locking, with or without a listener.)
 *
 * <p>A NaN or infinite loss throws {@link NonFiniteLossException} out of {@code fit()} (unless
 * turned off), so the caller can end the run as a failure. Everything is copied out of ND4J on the
 * training thread, since DL4J reuses its arrays; only plain arrays reach the run.
 *
 * <p>Train metrics are measured on each minibatch's own forward pass, before that minibatch's
 * update, from the output layer's input without that layer's input dropout. For a dense softmax
 * output layer that is one small matrix product per minibatch; other outputs are computed by their
 * layer in inference mode.
 */
public final class TrackingListener extends BaseTrainingListener {
  /** Iterations without an epoch end after which a warning suggests {@link #epochEnd()}. */
  static final int EPOCHLESS_WARNING = 10_000;

  private static final Logger log = LoggerFactory.getLogger(TrackingListener.class);

  /** What is logged and when: the collectors the builder turned on, into the builder's run. */
  private final Instrumentation instruments;

  private final INDArray[] probe;
  private final int tileHeight;
  private final int tileWidth;
  private final int tileUnits;
  private final INDArray embeddingInputs;

  /** The one model to log, if the builder named it; null: the first that calls. */
  private final Model expected;

  private boolean warnedNotMultiLayer;

  /** The model logged, bound at its first callback. */
  private volatile Network network;

  private volatile boolean warnedOtherModel;
  private List<OutputTally> tallies;

  /** Per output, its last minibatch's predictions, awaiting the labels (graphs only). */
  private INDArray[] pendingPredictions;

  /** Per dense softmax output, its last minibatch's logits, awaiting the labels (graphs only). */
  private float[][] pendingLogits;

  private boolean warnedEpochless;

  /**
   * The last minibatch's flattened gradient in memory order, copied (DL4J overwrites it with the
   * update); reused from one copy to the next.
   */
  private float[] lastGradient;

  /** The iteration {@link #lastGradient} comes from; -1 before one. */
  private long lastGradientIteration = -1;

  /** Per output, the logits of a dense output layer. */
  private DenseLogits[] denseLogits;

  /** Reused by {@link #absoluteSum}: 16 KB, a quarter of a typical L1 data cache. */
  private final float[] sumScratch = new float[4096];

  private TrackingListener(Builder b) {
    this.instruments = b.instrumentation();
    this.probe = b.probe;
    this.tileHeight = b.tileHeight;
    this.tileWidth = b.tileWidth;
    this.tileUnits = b.tileUnits;
    this.embeddingInputs = b.embeddingInputs;
    this.expected = b.model;
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
   * The network this listener logs: the builder's {@link Builder#model model}, else the first that
   * called it; null for any other model, whose callbacks return at once.
   */
  private Network bind(Model model) {
    Network n = network;
    if (n != null && n.model() == model) {
      return n;
    }
    synchronized (this) {
      if (network == null && (expected == null || expected == model)) {
        Network bound = Network.of(model);
        tallies = new ArrayList<>();
        bound.outputs().forEach(o -> tallies.add(new OutputTally(o)));
        pendingPredictions = new INDArray[bound.outputs().size()];
        pendingLogits = new float[bound.outputs().size()][];
        denseLogits = new DenseLogits[bound.outputs().size()];
        Arrays.setAll(denseLogits, i -> new DenseLogits());
        network = bound;
        return bound;
      }
      if (network != null && network.model() == model) {
        return network;
      }
    }
    if (!warnedOtherModel) {
      warnedOtherModel = true;
      log.warn(
          "TrackingListener logs one model, {}, and ignores callbacks from another ({}, thread {}):"
              + " ParallelWrapper's other workers, or one listener set on two networks (build one per network)",
          expected != null ? "the builder's model(...)" : "the first that called it",
          model.getClass().getSimpleName(),
          Thread.currentThread().getName());
    }
    return null;
  }

  @Override
  public void onEpochStart(Model model) {
    Network n = bind(model);
    if (n == null) {
      return;
    }
    synchronized (this) {
      openEpoch(n);
      if (n.iterationCount() == 0) {
        instruments.beforeTraining(new View(n)); // once
      }
    }
  }

  private void openEpoch(Network n) {
    instruments.epochStarts(n.iterationCount());
    tallies.forEach(OutputTally::reset);
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    Network n = bind(model);
    if (!(n instanceof Network.Multi multi)) {
      return;
    }
    synchronized (this) {
      if (!instruments.clock().isOpen()) {
        openEpoch(n); // a loop of the user's own: no epoch callbacks
      }
      MultiLayerNetwork net = multi.net();
      Output output = n.outputs().get(0);
      INDArray labels = net.getLabels();
      if (labels == null
          || activations.size() != net.getnLayers()
          || output.kind() == Output.Kind.NONE) {
        return;
      }
      INDArray input = activations.get(activations.size() - 1);
      if (output.denseSoftmax() && labels.rank() == 2 && labels.columns() >= 2) {
        denseSoftmaxAccuracy(net, input, labels, tallies.get(0));
      } else {
        INDArray predictions = predict(output, input, net.getInputMiniBatchSize(), false);
        tallies.get(0).add(predictions, labels, net.getOutputLayer().getMaskArray());
      }
    }
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    Network n = bind(model);
    if (!(n instanceof Network.Graph graph)) {
      return;
    }
    synchronized (this) {
      if (!instruments.clock().isOpen()) {
        openEpoch(n);
      }
      // the labels reach the output layers only in the backward pass: predictions wait for them
      for (int i = 0; i < n.outputs().size(); i++) {
        Output o = n.outputs().get(i);
        INDArray input = o.input() == null ? null : activations.get(o.input());
        pendingPredictions[i] = null;
        pendingLogits[i] = null;
        if (o.kind() == Output.Kind.NONE || input == null) {
          continue;
        }
        if (o.denseSoftmax() && input.rank() == 2) {
          pendingLogits[i] = logits(i, o.layer(), input); // as in a MultiLayerNetwork
        } else {
          pendingPredictions[i] = predict(o, input, graph.batchSize(), true);
        }
      }
    }
  }

  @Override
  public void onBackwardPass(Model model) {
    Network n = bind(model);
    if (!(n instanceof Network.Graph graph)) {
      return;
    }
    synchronized (this) {
      INDArray[] masks = graph.graph().getLabelMaskArrays();
      for (int i = 0; i < n.outputs().size(); i++) {
        INDArray predictions = pendingPredictions[i];
        float[] logits = pendingLogits[i];
        pendingPredictions[i] = null;
        pendingLogits[i] = null;
        Output o = n.outputs().get(i);
        if (!(o.layer() instanceof IOutputLayer ol) || ol.getLabels() == null) {
          continue;
        }
        INDArray labels = ol.getLabels();
        INDArray mask = masks == null ? null : masks[i];
        if (logits != null && labels.rank() == 2 && labels.columns() >= 2) {
          countHits(logits, bias(o.layer()), labels, mask, tallies.get(i));
        } else if (predictions != null) {
          tallies.get(i).add(predictions, labels, mask);
        }
      }
    }
  }

  /**
   * The output layer's output for {@code input} in inference mode (no dropout), outside any
   * workspace. With {@code restoreInput}, the layer's own input is put back as it was (a graph has
   * already set it for this minibatch); a MultiLayerNetwork sets it right after its listeners.
   */
  @SuppressWarnings(
      "try") // the workspace scope is the try's whole point: its body allocates outside
  private static INDArray predict(Output output, INDArray input, int batch, boolean restoreInput) {
    Layer layer = output.layer();
    LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray before = layer.input();
      INDArray x =
          output.preProcessor() == null
              ? input
              : output.preProcessor().preProcess(input, batch, none);
      INDArray out = layer.activate(x, false, none).detach();
      if (restoreInput && before != null) {
        layer.setInput(before, none);
      }
      return out;
    }
  }

  /**
   * Accuracy of a dense softmax output layer: the argmax of its logits, without the softmax. One
   * small matrix product in ND4J, the rest in Java: every ND4J op costs tens of microseconds, which
   * would add up to several percent of a small network's iteration.
   */
  private void denseSoftmaxAccuracy(
      MultiLayerNetwork net, INDArray input, INDArray labels, OutputTally tally) {
    Layer output = net.getOutputLayer();
    float[] logits = logits(0, output, input);
    float[] bias = bias(output);
    countHits(logits, bias, labels, output.getMaskArray(), tally);
  }

  /** The logits {@code input · W} of a dense output layer, row-major, without the bias. */
  private float[] logits(int outputIndex, Layer output, INDArray input) {
    return denseLogits[outputIndex].of(input, output.getParam("W"));
  }

  private static float[] bias(Layer output) {
    return output.paramTable().containsKey("b") ? INDArrays.small(output.getParam("b")) : null;
  }

  private static void countHits(
      float[] logits, float[] bias, INDArray labels, INDArray mask, OutputTally tally) {
    float[] truth = INDArrays.rowMajor(labels);
    int classes = labels.columns();
    int rows = truth.length / classes;
    float[] weights =
        mask != null && mask.length() == rows ? INDArrays.values(mask.dup('c')) : null;
    double hits = 0;
    long counted = 0;
    for (int i = 0; i < rows; i++) {
      if (weights != null && weights[i] <= 0) {
        continue;
      }
      if (argMax(logits, bias, i * classes, classes) == argMax(truth, null, i * classes, classes)) {
        hits++;
      }
      counted++;
    }
    tally.addHits(hits, counted);
  }

  private static int argMax(float[] row, float[] bias, int from, int n) {
    int best = 0;
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      float v = row[from + j] + (bias != null ? bias[j] : 0f);
      if (v > max) {
        max = v;
        best = j;
      }
    }
    return best;
  }

  @Override
  public void onGradientCalculation(Model model) {
    Network n = bind(model);
    if (n == null) {
      return;
    }
    synchronized (this) {
      long iteration = n.iterationCount();
      if (iteration == 0 && !instruments.initialLogged()) {
        // a loop of the user's own: the gradient is computed, the parameters not yet updated
        instruments.beforeTraining(new View(n));
      }
      if (!instruments.histograms()) {
        return;
      }
      // The epoch's last gradient is logged when the epoch ends, but DL4J turns it into the update
      // in place. Copying it every iteration costs ~1% of a small network's time (5% of the study's
      // first epoch), so once an epoch's length is known (or hinted), only the iterations that may
      // be the last are copied.
      if (!instruments.mayEndEpoch(iteration)) {
        return;
      }
      // straight from the native buffer into the same Java array each time (as fast as an ND4J
      // assign into a kept copy), so that the histograms read it without a further 1 MB copy
      lastGradient = INDArrays.values(n.flattenedGradients(), lastGradient);
      lastGradientIteration = iteration;
      if (iteration == 0) {
        instruments.gradients(0, new View(n));
      }
    }
  }

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    Network n = bind(model);
    if (n == null) {
      return;
    }
    synchronized (this) {
      double loss = model.score();
      long step = iteration;
      instruments.iteration(step, loss, n.batchSize());
      if (instruments.updateRatiosDue(step)) {
        instruments.updateRatios(step, new View(n));
      }
      if (!warnedEpochless
          && instruments.clock().lastEndedStep() < 0
          && step + 1 >= EPOCHLESS_WARNING) {
        warnedEpochless = true;
        log.warn(
            "TrackingListener: {} iterations and no epoch has ended; in a loop of your own over "
                + "minibatches, call epochEnd() after each epoch to log the per-epoch metrics and histograms",
            step + 1);
      }
      if (instruments.lossStopsTraining(loss)) {
        throw new NonFiniteLossException(loss, step, epoch);
      }
    }
  }

  @Override
  public void onEpochEnd(Model model) {
    Network n = bind(model);
    if (n == null) {
      return;
    }
    synchronized (this) {
      // DL4J increments its epoch count after the listeners have run
      endEpoch(n, n.epochCount() + 1);
    }
  }

  /**
   * Ends an epoch of a training loop that DL4J does not drive ({@code net.fit(dataSet)} per
   * minibatch, {@code ParallelWrapper}): logs the epoch's metrics and the histograms, as DL4J's own
   * epoch end does, at the current iteration count. Does nothing where the epoch was already ended
   * at this iteration (by DL4J or an earlier call).
   *
   * @throws IllegalStateException if no network has been trained with this listener yet
   */
  public void epochEnd() {
    Network n = network;
    checkState(
        n != null,
        "epochEnd() called before any training iteration: set this listener on the network "
            + "and train it first");
    synchronized (this) {
      endEpoch(n, instruments.clock().epochsEnded() + 1);
    }
  }

  private void endEpoch(Network n, int epochNumber) {
    long step = n.iterationCount();
    if (!instruments.clock().canEnd(step)) {
      return; // already ended here
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (OutputTally t : tallies) {
      t.addTo(metrics);
      t.reset();
    }
    // the last minibatch's gradient, when it was copied (an epoch shorter than the one before
    // leaves none: better no histogram than a stale one)
    boolean gradients = lastGradient != null && lastGradientIteration == step - 1;
    instruments.epochEnds(step, epochNumber, new View(n), metrics, gradients);
  }

  /**
   * The sum of |x| over {@code length} elements of {@code buffer} from {@code from}: read in chunks
   * that stay in the L1 cache (one bulk copy each; a buffer read per element costs twice as much),
   * summed in doubles on four independent chains (one chain waits on each add's latency).
   */
  private double absoluteSum(FloatBuffer buffer, int from, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    float[] chunk = sumScratch;
    for (int start = 0; start < length; start += chunk.length) {
      int n = Math.min(chunk.length, length - start);
      buffer.get(from + start, chunk, 0, n);
      int i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += Math.abs(chunk[i]);
        s1 += Math.abs(chunk[i + 1]);
        s2 += Math.abs(chunk[i + 2]);
        s3 += Math.abs(chunk[i + 3]);
      }
      for (; i < n; i++) {
        s0 += Math.abs(chunk[i]);
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Weight images and embeddings are drawn from a MultiLayerNetwork's first and last layers. */
  private MultiLayerNetwork multiLayer(Network n, String what) {
    if (n.model() instanceof MultiLayerNetwork net) {
      return net;
    }
    if (!warnedNotMultiLayer) {
      warnedNotMultiLayer = true;
      log.warn(
          "TrackingListener: {} are logged for a MultiLayerNetwork only, not for a {}",
          what,
          n.model().getClass().getSimpleName());
    }
    return null;
  }

  /**
   * The network as the instrumentation sees it, within one callback: everything is read from ND4J
   * when a collector asks, and copied.
   */
  private final class View implements ModelView {
    private final Network n;

    /**
     * The flattened updates and parameters, read directly where ND4J lends its memory; once a view.
     */
    private FloatBuffer updates;

    private FloatBuffer params;
    private boolean buffersRead;

    View(Network n) {
      this.n = n;
    }

    @Override
    public List<ParameterView> parameters() {
      List<ParameterView> all = new ArrayList<>();
      for (TrackedLayer l : n.layers()) {
        for (Map.Entry<String, INDArray> p : l.layer().paramTable().entrySet()) {
          all.add(new Param(l, p.getKey(), p.getValue()));
        }
      }
      return all;
    }

    private final class Param extends NamedParameterView {
      private final TrackedLayer l;
      private final INDArray value;

      Param(TrackedLayer l, String name, INDArray value) {
        super(l.tag(), name);
        this.l = l;
        this.value = value;
      }

      @Override
      public boolean trained() {
        return l.trained().contains(name());
      }

      @Override
      public float[] values() {
        return INDArrays.values(value);
      }

      /**
       * The last minibatch's gradient of this variable: a contiguous segment of the flattened
       * gradient (order within it does not matter here).
       */
      @Override
      public float[] gradient() {
        INDArray g = variable();
        if (g == null || lastGradient == null) {
          return null;
        }
        int from = offsetIn(n.flattenedGradients(), g);
        return Arrays.copyOfRange(lastGradient, from, from + (int) g.length());
      }

      /** After the update, DL4J's gradient view holds the update the updater applied. */
      @Override
      public double updateRatio() {
        INDArray u = variable();
        if (u == null) {
          return Double.NaN;
        }
        if (!buffersRead) {
          buffersRead = true;
          updates = INDArrays.direct(n.flattenedGradients());
          params = INDArrays.direct(n.params());
        }
        if (updates != null && params != null) {
          int from = offsetIn(n.flattenedGradients(), u);
          return absoluteSum(updates, from, (int) u.length())
              / absoluteSum(params, from, (int) u.length());
        }
        return u.ameanNumber().doubleValue()
            / l.layer().getParam(name()).ameanNumber().doubleValue();
      }

      private INDArray variable() {
        return n.model().gradient().gradientForVariable().get(l.gradientKeyPrefix() + name());
      }
    }

    @Override
    public Map<String, ActivationStats> probeActivations() {
      if (probe == null) {
        return Map.of();
      }
      Map<String, INDArray> acts = n.probeActivations(probe);
      Map<String, ActivationStats> stats = new LinkedHashMap<>();
      for (TrackedLayer l : n.layers()) {
        INDArray raw = acts.get(l.tag());
        if (!l.activations() || raw == null) {
          continue;
        }
        if (raw.rank() == 2 && raw.dataType() == DataType.FLOAT && raw.length() >= 2) {
          // dense and recurrent outputs: one pass in Java, without the dozen ND4J ops (tens of
          // microseconds each, and a native array apiece) the same statistics cost in ND4J
          stats.put(
              l.tag(), ActivationStats.ofRows(INDArrays.rowMajor(raw), raw.columns(), l.relu()));
          continue;
        }
        INDArray a = raw.castTo(DataType.DOUBLE);
        double dead = Double.NaN;
        if (l.relu()) {
          // a unit is dead when no probe example makes it fire, anywhere in the example
          INDArray fires =
              a.gt(0).castTo(DataType.DOUBLE).max(allAxesBut(a.rank(), l.channelsLast()));
          dead = 1 - fires.sumNumber().doubleValue() / fires.length();
        }
        stats.put(
            l.tag(),
            new ActivationStats(a.meanNumber().doubleValue(), a.stdNumber().doubleValue(), dead));
      }
      return stats;
    }

    /**
     * The first layer's weights {@code W [nIn, nOut]}: column {@code u} holds unit {@code u}'s
     * incoming weights; the first {@code units} units.
     */
    @Override
    public UnitWeights inputWeights(int units) {
      MultiLayerNetwork net = multiLayer(n, "weight images");
      if (net == null) {
        return null;
      }
      Layer first = net.getLayer(0);
      if (!first.paramTable().containsKey("W")) {
        return null;
      }
      INDArray w = first.getParam("W");
      int nIn = w.rows();
      int nOut = w.columns();
      if (nIn != tileHeight * tileWidth) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "TrackingListener weightImages(%d, %d, %d): layer 0 has %d inputs, not %d = %d x %d",
                tileHeight,
                tileWidth,
                tileUnits,
                nIn,
                tileHeight * tileWidth,
                tileHeight,
                tileWidth));
      }
      // only the tiled units' weights: a quarter of the study's first layer
      return new UnitWeights("layer0", "W", INDArrays.leadingColumns(w, Math.min(units, nOut)));
    }

    /** The penultimate layer's activations for the embedding's inputs, without dropout. */
    @Override
    public LayerRows penultimateActivations() {
      if (embeddingInputs == null) {
        return null;
      }
      MultiLayerNetwork net = multiLayer(n, "embeddings");
      if (net == null || net.getnLayers() < 2) {
        return null;
      }
      int layer = net.getnLayers() - 2;
      INDArray a = net.feedForward(embeddingInputs, false).get(layer + 1);
      int rows = a.rows();
      int cols = a.columns();
      float[] flat = INDArrays.rowMajor(a);
      float[][] vectors = new float[rows][];
      for (int i = 0; i < rows; i++) {
        vectors[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
      }
      return new LayerRows("layer" + layer, vectors);
    }
  }

  /**
   * The axes to reduce to find units: all but the units' own (1, or the last when channels-last).
   */
  private static int[] allAxesBut(int rank, boolean channelsLast) {
    if (rank == 2) {
      return new int[] {0};
    }
    int unit = channelsLast ? rank - 1 : 1;
    int[] axes = new int[rank - 1];
    for (int d = 0, i = 0; d < rank; d++) {
      if (d != unit) {
        axes[i++] = d;
      }
    }
    return axes;
  }

  /**
   * Where {@code variable}, one variable's view of a network's flattened parameters, gradients or
   * updates, starts in {@code flat}: the three share one layout, each variable a contiguous
   * segment, so an offset found in one holds in the others.
   */
  private static int offsetIn(INDArray flat, INDArray variable) {
    return (int) (variable.offset() - flat.offset());
  }

  /**
   * Configures a {@link TrackingListener} or a {@link SameDiffTrackingListener}: the options every
   * framework shares are the core's {@link ListenerBuilder}'s, which hands them to an {@link
   * Instrumentation.Builder} that checks them and holds their defaults; this builder keeps only
   * DL4J's inputs (probe, embedding inputs, model).
   */
  public static final class Builder extends ListenerBuilder<Builder> {
    private INDArray[] probe;

    /** The weight images' geometry, checked by the core; kept for the layer's width check. */
    private int tileHeight;

    private int tileWidth;
    private int tileUnits;
    private INDArray embeddingInputs;
    private Model model;

    private Builder(Run run) {
      super(run);
    }

    @Override
    protected Builder self() {
      return this;
    }

    private Instrumentation instrumentation() {
      return core().build();
    }

    /**
     * A fixed batch of inputs whose activations are measured before training and after every epoch;
     * copied. A ComputationGraph takes one array per network input, in the graph's order. Without
     * one, activation statistics are not logged. (Not used by the SameDiff listener.)
     *
     * @param inputs the probe batch, one array per network input
     * @return this builder
     */
    public Builder probe(INDArray... inputs) {
      requireNonNull(inputs, "inputs");
      checkArgument(inputs.length >= 1, "probe needs at least one input array");
      INDArray[] copies = new INDArray[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        copies[i] = requireNonNull(inputs[i], "probe input " + i).dup();
      }
      this.probe = copies;
      core().activations(true);
      return this;
    }

    /**
     * Log the first layer's weights as one image, before training and after every epoch: the first
     * {@code units} hidden units, each unit's incoming weights as a {@code tileHeight × tileWidth}
     * tile ({@code tileHeight * tileWidth} must be the layer's input width, which is checked when
     * training starts). Off by default.
     *
     * @param tileHeight the height of a unit's tile, in pixels
     * @param tileWidth the width of a unit's tile, in pixels
     * @param units how many hidden units to show
     * @return this builder
     */
    @Override
    public Builder weightImages(int tileHeight, int tileWidth, int units) {
      super.weightImages(tileHeight, tileWidth, units);
      this.tileHeight = tileHeight;
      this.tileWidth = tileWidth;
      this.tileUnits = units;
      return this;
    }

    /**
     * Log the penultimate layer's activations for {@code inputs} (one example per row; copied) as
     * an embedding, before training and after every {@link #embeddingEvery}-th epoch; {@code
     * labels} names each row (TensorBoard's projector colours by it), {@code sprites} is empty or
     * one thumbnail per row. Off by default.
     *
     * @param inputs the examples, one per row
     * @param labels the name of each row
     * @param sprites one thumbnail per row, or none
     * @return this builder
     */
    public Builder embedding(INDArray inputs, List<String> labels, List<ImageData> sprites) {
      requireNonNull(inputs, "inputs");
      requireNonNull(labels, "labels");
      requireNonNull(sprites, "sprites");
      checkArgument(
          inputs.rank() == 2 && inputs.rows() > 0,
          "embedding inputs must be a non-empty matrix, one example per row: shape %s",
          Arrays.toString(inputs.shape()));
      checkArgument(
          labels.size() == inputs.rows(),
          "embedding: %s labels for %s inputs",
          labels.size(),
          inputs.rows());
      core().embedding(labels, sprites); // checks the sprites against the labels, one per input
      this.embeddingInputs = inputs.dup();
      return this;
    }

    /**
     * The one network to log (a {@code MultiLayerNetwork} or {@code ComputationGraph}); callbacks
     * from any other model are ignored. Without it the listener logs the first model that calls it.
     * Name it where several models share the listener, as {@code ParallelWrapper}'s workers do:
     * then the wrapped network is logged whichever worker happens to call first.
     *
     * @param network the network to log
     * @return this builder
     */
    public Builder model(Model network) {
      requireNonNull(network, "network");
      checkArgument(
          network instanceof MultiLayerNetwork || network instanceof ComputationGraph,
          "TrackingListener logs a MultiLayerNetwork or a ComputationGraph, not a %s (SameDiff: use"
              + " buildForSameDiff())",
          network.getClass().getName());
      this.model = network;
      return this;
    }

    /**
     * The minibatches per epoch, where the training loop knows them (as Keras tells its callbacks
     * their {@code steps}); optional, and only a saving. The gradient histograms of an epoch's end
     * come from its last minibatch, whose gradient DL4J overwrites with the update: until an epoch
     * has ended, the listener cannot tell which minibatch is the last and copies every gradient
     * (about 5% of the study's first epoch); with the hint it copies from minibatch {@code n} on
     * only. The epochs themselves still end where DL4J (or {@link TrackingListener#epochEnd()})
     * ends them: an epoch that ends before its {@code n}-th minibatch just logs no gradient
     * histograms.
     *
     * @param n the minibatches per epoch, at least 1
     * @return this builder
     */
    public Builder iterationsPerEpoch(long n) {
      core().iterationsPerEpoch(n);
      return this;
    }

    /**
     * The listener for a MultiLayerNetwork or a ComputationGraph.
     *
     * @return the listener
     */
    public TrackingListener build() {
      return new TrackingListener(this);
    }

    /**
     * The listener for {@code SameDiff.fit}; see {@link SameDiffTrackingListener}.
     *
     * @return the listener
     */
    public SameDiffTrackingListener buildForSameDiff() {
      // the SameDiff listener logs the losses, histograms and update ratios only
      return new SameDiffTrackingListener(core().lossAndParameterSettings().build());
    }
  }
}
