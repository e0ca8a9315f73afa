package dev.dltrack.tracker.dl4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Image;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.Run;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Logs a {@link MultiLayerNetwork}'s training into a {@link Run}. Steps are the network's
 * iteration count: the number of updates applied so far.
 *
 * <ul>
 *   <li>every {@link Builder#lossEvery} iterations: {@code train/batch_loss}, the minibatch loss;
 *   <li>at the end of each epoch: {@code train/loss} and {@code train/accuracy}, the running means
 *       over the epoch's minibatches as Keras reports them (accuracy when the output layer is a
 *       dense classifier), and {@code epoch};
 *   <li>per layer {@code i}, before the first update and after every epoch: histograms {@code
 *       layer<i>/<param>} of each parameter; with a probe batch, {@code
 *       layer<i>/activation/mean}, {@code .../std} and, for ReLU layers, {@code
 *       layer<i>/dead_relu_fraction} (units that output 0 for every probe example);
 *   <li>per layer, for the first minibatch and at the end of every epoch (the epoch's last
 *       minibatch): gradient histograms {@code layer<i>/grad/<param>};
 *   <li>per layer, at the first iteration of every epoch and every {@link
 *       Builder#updateRatioEvery} iterations: {@code layer<i>/update_ratio/<param>}, mean |update|
 *       / mean |parameter|, the DL4J training UI's main diagnostic (healthy near 1e-3);
 *   <li>with {@link Builder#weightImages}, before the first update and after every epoch: {@code
 *       layer0/W/tiles}, one image of the first layer's weights, each hidden unit's incoming
 *       weights as a tile (784 as 28×28), on one colour scale per image that keeps zero at
 *       mid-grey ({@code ±max|w|}), so constant, positive-only and zero-centred schemes look
 *       apart;
 *   <li>with {@link Builder#embedding}, before the first update and after every {@link
 *       Builder#embeddingEvery}-th epoch: {@code layer<n-2>/activations}, the penultimate layer's
 *       activations for fixed inputs, as an embedding for TensorBoard's projector, with a label
 *       (and optionally a sprite) per input.
 * </ul>
 *
 * <p>A NaN or infinite loss throws {@link NonFiniteLossException} out of {@code fit()} (unless
 * turned off), so the caller can end the run as a failure. Everything is copied out of ND4J on the
 * training thread, since DL4J reuses its arrays; only plain arrays reach the run.
 *
 * <p>Train accuracy is measured on each minibatch's own forward pass, from the output layer's
 * input without that layer's input dropout: it adds one small matrix product per minibatch
 * instead of a second forward pass.
 */
public final class TrackingListener extends BaseTrainingListener {
  private final Run run;
  private final int lossEvery;
  private final int updateRatioEvery;
  private final boolean histograms;
  private final boolean stopOnNonFiniteLoss;
  private final INDArray probe;
  private final int tileHeight;
  private final int tileWidth;
  private final int tileUnits;
  private final INDArray embeddingInputs;
  private final List<String> embeddingLabels;
  private final List<Image> embeddingSprites;
  private final int embeddingEvery;

  private boolean inEpoch;
  /** The last minibatch's flattened gradient, copied (DL4J overwrites it with the update). */
  private INDArray lastGradient;
  /** Iterations of the last complete epoch; -1 until one has ended. */
  private long epochLength = -1;
  private long epochStartIteration;
  /** Reused for the output layer's logits, to spare an allocation per minibatch. */
  private INDArray logitsBuffer;
  private boolean ratiosPending;
  private double lossSum;
  private double accuracyHits;
  private long examples;
  private long accuracyExamples;

  private TrackingListener(Builder b) {
    this.run = b.run;
    this.lossEvery = b.lossEvery;
    this.updateRatioEvery = b.updateRatioEvery;
    this.histograms = b.histograms;
    this.stopOnNonFiniteLoss = b.stopOnNonFiniteLoss;
    this.probe = b.probe;
    this.tileHeight = b.tileHeight;
    this.tileWidth = b.tileWidth;
    this.tileUnits = b.tileUnits;
    this.embeddingInputs = b.embeddingInputs;
    this.embeddingLabels = b.embeddingLabels;
    this.embeddingSprites = b.embeddingSprites;
    this.embeddingEvery = b.embeddingEvery;
  }

  /** A listener logging into {@code run}. */
  public static Builder builder(Run run) {
    return new Builder(run);
  }

  @Override
  public void onEpochStart(Model model) {
    MultiLayerNetwork net = network(model);
    inEpoch = true;
    ratiosPending = true;
    epochStartIteration = net.getIterationCount();
    lossSum = 0;
    accuracyHits = 0;
    examples = 0;
    accuracyExamples = 0;
    if (net.getIterationCount() == 0) {
      logLayers(net, 0);
      logEmbedding(net, 0);
    }
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    if (!inEpoch) {
      return; // a probe or an evaluation, not a training step
    }
    MultiLayerNetwork net = network(model);
    INDArray labels = net.getLabels();
    Layer output = net.getOutputLayer();
    if (labels == null || labels.rank() != 2 || labels.columns() < 2
        || activations.size() != net.getnLayers()
        || !output.paramTable().containsKey("W")) {
      return;
    }
    // One small matrix product in ND4J, the rest in Java: every ND4J op costs tens of
    // microseconds, which would add up to several percent of a small network's iteration.
    INDArray input = activations.get(activations.size() - 1);
    INDArray w = output.getParam("W");
    if (logitsBuffer == null
        || logitsBuffer.rows() != input.rows()
        || logitsBuffer.columns() != w.columns()
        || logitsBuffer.dataType() != input.dataType()) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        logitsBuffer = Nd4j.create(input.dataType(), new long[] {input.rows(), w.columns()}, 'f');
      }
    }
    // straight to BLAS: half the cost of mmul's op machinery at this size
    Nd4j.gemm(input, w, logitsBuffer, false, false, 1.0, 0.0);
    float[] logits = Arrays.rowMajor(logitsBuffer);
    float[] bias = output.paramTable().containsKey("b") ? Arrays.small(output.getParam("b")) : null;
    float[] truth = Arrays.rowMajor(labels);
    int classes = (int) labels.columns();
    int rows = truth.length / classes;
    for (int i = 0; i < rows; i++) {
      if (argMax(logits, bias, i * classes, classes) == argMax(truth, null, i * classes, classes)) {
        accuracyHits++;
      }
    }
    accuracyExamples += rows;
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
    if (!histograms) {
      return;
    }
    MultiLayerNetwork net = network(model);
    long inEpochIteration = net.getIterationCount() - epochStartIteration;
    // The epoch's last gradient is logged when the epoch ends, but DL4J turns it into the update
    // in place. Copying it every iteration costs ~1% of a small network's time, so once an
    // epoch's length is known, only the iterations that may be the last are copied.
    if (epochLength > 0 && inEpochIteration < epochLength - 1 && net.getIterationCount() > 0) {
      return;
    }
    INDArray flat = net.getFlattenedGradients();
    if (lastGradient == null || lastGradient.length() != flat.length()) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        lastGradient = flat.dup();
      }
    } else {
      lastGradient.assign(flat);
    }
    if (net.getIterationCount() == 0) {
      logGradients(net, 0);
    }
  }

  /**
   * Histograms of the last minibatch's gradient, per variable: each variable's gradient is a
   * contiguous segment of the flattened gradient (order within it does not matter here).
   */
  private void logGradients(MultiLayerNetwork net, long step) {
    if (lastGradient == null) {
      return;
    }
    INDArray flat = net.getFlattenedGradients();
    float[] all = Arrays.values(lastGradient);
    for (Map.Entry<String, INDArray> g : net.gradient().gradientForVariable().entrySet()) {
      int from = offsetIn(flat, g.getValue());
      float[] values = java.util.Arrays.copyOfRange(all, from, from + (int) g.getValue().length());
      run.histogram(variableTag(g.getKey(), "grad/"), step, values);
    }
  }

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    MultiLayerNetwork net = network(model);
    double loss = model.score();
    long step = iteration;
    int batch = net.getLabels() != null ? (int) net.getLabels().size(0) : 1;
    lossSum += loss * batch;
    examples += batch;
    if (step % lossEvery == 0 || !Double.isFinite(loss)) {
      run.scalar("train/batch_loss", step, loss);
    }
    if (ratiosPending || (updateRatioEvery > 0 && step % updateRatioEvery == 0)) {
      ratiosPending = false;
      logUpdateRatios(net, model, step);
    }
    if (!Double.isFinite(loss) && stopOnNonFiniteLoss) {
      inEpoch = false;
      throw new NonFiniteLossException(loss, step, epoch);
    }
  }

  @Override
  public void onEpochEnd(Model model) {
    MultiLayerNetwork net = network(model);
    inEpoch = false;
    long step = net.getIterationCount();
    epochLength = step - epochStartIteration;
    if (examples > 0) {
      run.scalar("train/loss", step, lossSum / examples);
    }
    if (accuracyExamples > 0) {
      run.scalar("train/accuracy", step, accuracyHits / accuracyExamples);
    }
    // DL4J increments its epoch count after the listeners have run
    run.scalar("epoch", step, net.getEpochCount() + 1);
    logLayers(net, step);
    if (histograms) {
      logGradients(net, step);
    }
    if ((net.getEpochCount() + 1) % embeddingEvery == 0) {
      logEmbedding(net, step);
    }
  }

  private void logUpdateRatios(MultiLayerNetwork net, Model model, long step) {
    // after the update, DL4J's gradient view holds the update the updater applied
    INDArray flatUpdates = net.getFlattenedGradients();
    java.nio.FloatBuffer updates = Arrays.direct(flatUpdates);
    java.nio.FloatBuffer params = Arrays.direct(net.params());
    for (Map.Entry<String, INDArray> u : model.gradient().gradientForVariable().entrySet()) {
      double ratio;
      if (updates != null && params != null) {
        int from = offsetIn(flatUpdates, u.getValue());
        int to = from + (int) u.getValue().length();
        double updateSum = 0;
        double paramSum = 0;
        for (int i = from; i < to; i++) {
          updateSum += Math.abs(updates.get(i));
          paramSum += Math.abs(params.get(i));
        }
        ratio = updateSum / paramSum;
      } else {
        String key = u.getKey();
        int sep = key.indexOf('_');
        INDArray param = net.getLayer(Integer.parseInt(key.substring(0, sep))).getParam(key.substring(sep + 1));
        ratio = u.getValue().ameanNumber().doubleValue() / param.ameanNumber().doubleValue();
      }
      run.scalar(variableTag(u.getKey(), "update_ratio/"), step, Double.isFinite(ratio) ? ratio : Double.NaN);
    }
  }

  private void logLayers(MultiLayerNetwork net, long step) {
    if (histograms) {
      for (int i = 0; i < net.getnLayers(); i++) {
        for (Map.Entry<String, INDArray> p : net.getLayer(i).paramTable().entrySet()) {
          run.histogram("layer" + i + "/" + p.getKey(), step, Arrays.values(p.getValue()));
        }
      }
    }
    if (probe != null) {
      logActivations(net, step);
    }
    if (tileUnits > 0) {
      logWeightImages(net, step);
    }
  }

  /**
   * The first layer's weights {@code W [nIn, nOut]}: column {@code u} holds unit {@code u}'s
   * incoming weights, drawn as a {@code tileHeight × tileWidth} tile; the first {@code tileUnits}
   * units in one grid of {@code ceil(sqrt(units))} columns.
   */
  private void logWeightImages(MultiLayerNetwork net, long step) {
    Layer first = net.getLayer(0);
    if (!first.paramTable().containsKey("W")) {
      return;
    }
    INDArray w = first.getParam("W");
    int nIn = (int) w.rows();
    int nOut = (int) w.columns();
    if (nIn != tileHeight * tileWidth) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT,
          "TrackingListener weightImages(%d, %d, %d): layer 0 has %d inputs, not %d = %d x %d",
          tileHeight, tileWidth, tileUnits, nIn, tileHeight * tileWidth, tileHeight, tileWidth));
    }
    float[] all = Arrays.rowMajor(w);
    int units = Math.min(tileUnits, nOut);
    float[][] tiles = new float[units][nIn];
    float maxAbs = 0;
    for (int i = 0; i < nIn; i++) {
      int row = i * nOut;
      for (int u = 0; u < units; u++) {
        float v = all[row + u];
        tiles[u][i] = v;
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    if (!Float.isFinite(maxAbs)) {
      return; // diverged: the loss says so, and NaN has no grey level
    }
    List<Image> images = Image.tiles(tiles, tileHeight, tileWidth, PixelRange.symmetric(maxAbs));
    int columns = (int) Math.ceil(Math.sqrt(units));
    run.image("layer0/W/tiles", step, Image.grid(images, columns));
  }

  /** The penultimate layer's activations for the embedding's inputs, without dropout. */
  private void logEmbedding(MultiLayerNetwork net, long step) {
    if (embeddingInputs == null || net.getnLayers() < 2) {
      return;
    }
    int layer = net.getnLayers() - 2;
    INDArray a = net.feedForward(embeddingInputs, false).get(layer + 1);
    int rows = (int) a.rows();
    int cols = (int) a.columns();
    float[] flat = Arrays.rowMajor(a);
    float[][] vectors = new float[rows][];
    for (int i = 0; i < rows; i++) {
      vectors[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
      for (float v : vectors[i]) {
        if (!Float.isFinite(v)) {
          return; // diverged: the loss says so
        }
      }
    }
    Embedding e = Embedding.of(vectors).withLabels(embeddingLabels);
    if (!embeddingSprites.isEmpty()) {
      e = e.withSprites(embeddingSprites);
    }
    run.embedding("layer" + layer + "/activations", step, e);
  }

  private void logActivations(MultiLayerNetwork net, long step) {
    List<INDArray> acts = net.feedForward(probe, false);
    for (int i = 0; i < net.getnLayers(); i++) {
      if (net.getLayer(i).numParams() == 0) {
        continue;
      }
      INDArray a = acts.get(i + 1).castTo(DataType.DOUBLE);
      run.scalar("layer" + i + "/activation/mean", step, a.meanNumber().doubleValue());
      run.scalar("layer" + i + "/activation/std", step, a.stdNumber().doubleValue());
      if (isRelu(net, i) && a.rank() == 2) {
        // a unit is dead when no probe example makes it fire
        INDArray fires = a.gt(0).castTo(DataType.DOUBLE).max(0);
        run.scalar(
            "layer" + i + "/dead_relu_fraction",
            step,
            1 - fires.sumNumber().doubleValue() / fires.length());
      }
    }
  }

  private static boolean isRelu(MultiLayerNetwork net, int layer) {
    return net.getLayer(layer).conf().getLayer() instanceof BaseLayer b
        && b.getActivationFn() instanceof ActivationReLU;
  }

  /**
   * Where {@code variable}, one variable's view of a network's flattened parameters, gradients or
   * updates, starts in {@code flat}: the three share one layout, each variable a contiguous
   * segment, so an offset found in one holds in the others.
   */
  private static int offsetIn(INDArray flat, INDArray variable) {
    return (int) (variable.offset() - flat.offset());
  }

  /** {@code "0_W"} with prefix {@code grad/} is {@code layer0/grad/W}. */
  private static String variableTag(String variable, String prefix) {
    int sep = variable.indexOf('_');
    return "layer" + variable.substring(0, sep) + "/" + prefix + variable.substring(sep + 1);
  }

  private static MultiLayerNetwork network(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return net;
    }
    throw new IllegalArgumentException(
        "TrackingListener supports MultiLayerNetwork, not " + model.getClass().getSimpleName());
  }

  /** Configures a {@link TrackingListener}. */
  public static final class Builder {
    private final Run run;
    private int lossEvery = 1;
    private int updateRatioEvery = 50;
    private boolean histograms = true;
    private boolean stopOnNonFiniteLoss = true;
    private INDArray probe;
    private int tileHeight;
    private int tileWidth;
    private int tileUnits;
    private INDArray embeddingInputs;
    private List<String> embeddingLabels;
    private List<Image> embeddingSprites = List.of();
    private int embeddingEvery = 1;

    private Builder(Run run) {
      this.run = requireNonNull(run, "run");
    }

    /** Log the minibatch loss every {@code n} iterations; default every one. */
    public Builder lossEvery(int n) {
      checkArgument(n >= 1, "lossEvery must be >= 1: %s", n);
      this.lossEvery = n;
      return this;
    }

    /** Log update:parameter ratios every {@code n} iterations (0: only once per epoch); default 50. */
    public Builder updateRatioEvery(int n) {
      checkArgument(n >= 0, "updateRatioEvery must be >= 0: %s", n);
      this.updateRatioEvery = n;
      return this;
    }

    /** Whether to log parameter and gradient histograms; default true. */
    public Builder histograms(boolean on) {
      this.histograms = on;
      return this;
    }

    /** Whether a NaN or infinite loss stops training with {@link NonFiniteLossException}. */
    public Builder stopOnNonFiniteLoss(boolean on) {
      this.stopOnNonFiniteLoss = on;
      return this;
    }

    /**
     * A fixed batch of inputs whose activations are measured before training and after every
     * epoch; copied. Without one, activation statistics are not logged.
     */
    public Builder probe(INDArray features) {
      this.probe = requireNonNull(features, "features").dup();
      return this;
    }

    /**
     * Log the first layer's weights as one image, before training and after every epoch: the
     * first {@code units} hidden units, each unit's incoming weights as a {@code tileHeight ×
     * tileWidth} tile ({@code tileHeight * tileWidth} must be the layer's input width, which is
     * checked when training starts). Off by default.
     */
    public Builder weightImages(int tileHeight, int tileWidth, int units) {
      checkArgument(tileHeight >= 1 && tileWidth >= 1,
          "weight tiles must be at least 1x1: %sx%s", tileHeight, tileWidth);
      checkArgument(units >= 1, "weight image units must be >= 1: %s", units);
      this.tileHeight = tileHeight;
      this.tileWidth = tileWidth;
      this.tileUnits = units;
      return this;
    }

    /**
     * Log the penultimate layer's activations for {@code inputs} (one example per row; copied)
     * as an embedding, before training and after every {@link #embeddingEvery}-th epoch; {@code
     * labels} names each row (TensorBoard's projector colours by it), {@code sprites} is empty or
     * one thumbnail per row. Off by default.
     */
    public Builder embedding(INDArray inputs, List<String> labels, List<Image> sprites) {
      requireNonNull(inputs, "inputs");
      requireNonNull(labels, "labels");
      requireNonNull(sprites, "sprites");
      checkArgument(inputs.rank() == 2 && inputs.rows() > 0,
          "embedding inputs must be a non-empty matrix, one example per row: shape %s",
          java.util.Arrays.toString(inputs.shape()));
      checkArgument(labels.size() == inputs.rows(),
          "embedding: %s labels for %s inputs", labels.size(), inputs.rows());
      checkArgument(sprites.isEmpty() || sprites.size() == inputs.rows(),
          "embedding: %s sprites for %s inputs", sprites.size(), inputs.rows());
      this.embeddingInputs = inputs.dup();
      this.embeddingLabels = List.copyOf(labels);
      this.embeddingSprites = List.copyOf(sprites);
      return this;
    }

    /**
     * Log the embedding after every {@code n}-th epoch (and before training); default 1. Give the
     * number of epochs to log it only before and after training.
     */
    public Builder embeddingEvery(int n) {
      checkArgument(n >= 1, "embeddingEvery must be >= 1: %s", n);
      this.embeddingEvery = n;
      return this;
    }

    public TrackingListener build() {
      return new TrackingListener(this);
    }
  }
}
