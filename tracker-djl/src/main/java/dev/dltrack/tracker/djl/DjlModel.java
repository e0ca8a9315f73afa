package dev.dltrack.tracker.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.dltrack.tracker.instrument.ActivationStats;
import dev.dltrack.tracker.instrument.ModelView;
import dev.dltrack.tracker.instrument.NamedParameterView;
import dev.dltrack.tracker.instrument.ParameterView;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DJL model as the instrumentation sees it. Parameters are named after their block path: a {@code
 * SequentialBlock}'s children by DJL's names ({@code 01Linear}), nested blocks joined with {@code
 * /}; a parameter by its name in its block ({@code weight}). Everything is copied out of DJL's
 * arrays on the training thread.
 */
final class DjlModel implements ModelView {
  /** Names of DJL's activation blocks (lower case), whose outputs get activation statistics. */
  private static final Set<String> ACTIVATIONS =
      Set.of(
          "relu",
          "relu6",
          "sigmoid",
          "tanh",
          "softplus",
          "softsign",
          "leakyrelu",
          "elu",
          "selu",
          "gelu",
          "swish",
          "mish");

  private final Trainer trainer;
  private final Input probe;
  private final Input embeddingInputs;
  private List<Param> parameters;

  /**
   * Values before the update being measured, per trained parameter; kept from one measurement to
   * the next.
   */
  private final IdentityHashMap<Parameter, float[]> before = new IdentityHashMap<>();

  /**
   * The gradients of the last batch copied, per trained parameter: DJL's update clears them, so the
   * epoch's last batch's must be copied before it; reused from one copy to the next.
   */
  private final IdentityHashMap<Parameter, float[]> gradients = new IdentityHashMap<>();

  private long gradientStep = -1;
  private boolean snapshotTaken;

  /** Reused by {@link #ratio}: 16 KB. */
  private final float[] scratch = new float[4096];

  DjlModel(Trainer trainer, Input probe, Input embeddingInputs) {
    this.trainer = trainer;
    this.probe = probe;
    this.embeddingInputs = embeddingInputs;
  }

  /** A fixed input batch, kept as plain floats: it outlives any NDManager. */
  record Input(float[] values, Shape shape) {}

  Block block() {
    return trainer.getModel().getBlock();
  }

  @Override
  public List<ParameterView> parameters() {
    if (parameters == null) {
      List<Param> all = new ArrayList<>();
      walk("", block(), all);
      parameters = all;
    }
    return List.copyOf(parameters);
  }

  long parameterCount() {
    long n = 0;
    for (ParameterView p : parameters()) {
      Parameter param = ((Param) p).parameter;
      if (param.isInitialized()) {
        n += param.getArray().size();
      }
    }
    return n;
  }

  private void walk(String path, Block block, List<Param> out) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      out.add(
          new Param(
              path.isEmpty() ? block.getClass().getSimpleName() : path, p.getKey(), p.getValue()));
    }
    for (Pair<String, Block> c : block.getChildren()) {
      walk(path.isEmpty() ? c.getKey() : path + "/" + c.getKey(), c.getValue(), out);
    }
  }

  /**
   * Copies the trained parameters' values, to measure the coming update against: straight from the
   * engine's memory (where it lends it) into arrays kept from one snapshot to the next.
   */
  void snapshot() {
    for (ParameterView p : parameters()) {
      if (p.trained()) {
        Parameter param = ((Param) p).parameter;
        FloatBuffer values = floats(param.getArray());
        float[] kept = before.get(param);
        if (kept == null || kept.length != values.limit()) {
          kept = new float[values.limit()];
          before.put(param, kept);
        }
        values.get(0, kept);
      }
    }
    snapshotTaken = true;
  }

  /**
   * Copies the trained parameters' gradients of iteration {@code step}, before the update clears
   * them.
   */
  void copyGradients(long step) {
    for (ParameterView p : parameters()) {
      if (p.trained()) {
        Parameter param = ((Param) p).parameter;
        NDArray array = param.getArray();
        if (array.hasGradient()) {
          try (NDArray g = array.getGradient()) {
            FloatBuffer values = floats(g);
            float[] kept = gradients.get(param);
            if (kept == null || kept.length != values.limit()) {
              kept = new float[values.limit()];
              gradients.put(param, kept);
            }
            values.get(0, kept);
          }
        }
      }
    }
    gradientStep = step;
  }

  /** The iteration whose gradients were copied last; -1 before one. */
  long gradientStep() {
    return gradientStep;
  }

  void clearSnapshot() {
    snapshotTaken = false;
  }

  /**
   * A float array's values, a view of the engine's memory where it lends one (PyTorch on CPU does).
   */
  private static FloatBuffer floats(NDArray a) {
    if (a.getDataType() != DataType.FLOAT32) {
      return FloatBuffer.wrap(a.toType(DataType.FLOAT32, false).toFloatArray());
    }
    return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /**
   * Sum |after - before| over sum |after|, {@code after} read in chunks that stay in the L1 cache
   * (one bulk copy each).
   */
  private double ratio(float[] before, FloatBuffer after) {
    double update = 0;
    double param = 0;
    float[] chunk = scratch;
    int length = after.limit();
    for (int start = 0; start < length; start += chunk.length) {
      int n = Math.min(chunk.length, length - start);
      after.get(start, chunk, 0, n);
      for (int i = 0; i < n; i++) {
        float a = chunk[i];
        update += Math.abs((double) a - before[start + i]);
        param += Math.abs(a);
      }
    }
    return update / param;
  }

  final class Param extends NamedParameterView {
    private final Parameter parameter;

    Param(String layer, String name, Parameter parameter) {
      super(layer, name);
      this.parameter = parameter;
    }

    @Override
    public boolean trained() {
      return parameter.requiresGradient();
    }

    @Override
    public float[] values() {
      return parameter.getArray().toFloatArray();
    }

    /** The last copied gradient (see {@link DjlModel#copyGradients}). */
    @Override
    public float[] gradient() {
      return gradients.get(parameter);
    }

    @Override
    public double updateRatio() {
      float[] old = before.get(parameter);
      return old == null || !snapshotTaken ? Double.NaN : ratio(old, floats(parameter.getArray()));
    }
  }

  private SequentialBlock sequential() {
    return block() instanceof SequentialBlock s ? s : null;
  }

  @Override
  public Map<String, ActivationStats> probeActivations() {
    SequentialBlock seq = sequential();
    if (probe == null || seq == null) {
      return Map.of();
    }
    Map<String, ActivationStats> stats = new LinkedHashMap<>();
    try (NDManager m = trainer.getManager().newSubManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDList x = new NDList(m.create(probe.values(), probe.shape()));
      for (Pair<String, Block> c : seq.getChildren()) {
        Block b = c.getValue();
        x = b.forward(store, x, false);
        String activation = activationName(b);
        if (activation != null || !b.getParameters().isEmpty()) {
          stats.put(c.getKey(), statistics(x.head(), "relu".equals(activation)));
        }
      }
    }
    return stats;
  }

  private static String activationName(Block b) {
    if (b instanceof LambdaBlock l) {
      String name = l.getName().toLowerCase(Locale.ROOT);
      return ACTIVATIONS.contains(name) ? name : null;
    }
    return null;
  }

  /** Mean, std and (ReLU) dead units, units being features (rank 2) or channels (dimension 1). */
  private static ActivationStats statistics(NDArray a, boolean relu) {
    float[] v = a.toFloatArray();
    long[] shape = a.getShape().getShape();
    if (shape.length <= 2) {
      return ActivationStats.ofRows(v, shape.length == 2 ? (int) shape[1] : 1, relu);
    }
    ActivationStats all = ActivationStats.ofRows(v, 1, false);
    if (!relu) {
      return all;
    }
    int channels = (int) shape[1];
    int rest = (int) (v.length / shape[0] / channels);
    boolean[] fires = new boolean[channels];
    int firing = 0;
    for (int i = 0; i < v.length; i++) {
      int c = (i / rest) % channels;
      if (v[i] > 0 && !fires[c]) {
        fires[c] = true;
        firing++;
      }
    }
    return new ActivationStats(all.mean(), all.std(), 1 - (double) firing / channels);
  }

  @Override
  public UnitWeights inputWeights(int units) {
    SequentialBlock seq = sequential();
    if (seq == null) {
      return null;
    }
    for (Pair<String, Block> c : seq.getChildren()) {
      Block b = c.getValue();
      if (b.getParameters().isEmpty()) {
        continue; // a flatten block before the first dense one
      }
      if (!(b instanceof Linear)) {
        return null;
      }
      NDArray w = b.getParameters().get("weight").getArray(); // [units, inputs]
      long[] shape = w.getShape().getShape();
      int n = (int) Math.min(units, shape[0]);
      int inputs = (int) shape[1];
      float[] all = w.get("0:" + n).toFloatArray();
      float[][] rows = new float[n][];
      for (int u = 0; u < n; u++) {
        rows[u] = Arrays.copyOfRange(all, u * inputs, (u + 1) * inputs);
      }
      return new UnitWeights(c.getKey(), "weight", rows);
    }
    return null;
  }

  @Override
  public LayerRows penultimateActivations() {
    SequentialBlock seq = sequential();
    if (embeddingInputs == null || seq == null || seq.getChildren().size() < 2) {
      return null;
    }
    List<Pair<String, Block>> children = seq.getChildren().stream().toList();
    try (NDManager m = trainer.getManager().newSubManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDList x = new NDList(m.create(embeddingInputs.values(), embeddingInputs.shape()));
      for (int i = 0; i < children.size() - 1; i++) {
        x = children.get(i).getValue().forward(store, x, false);
      }
      NDArray a = x.head();
      int rows = (int) a.getShape().get(0);
      float[] flat = a.toFloatArray();
      int cols = flat.length / rows;
      float[][] vectors = new float[rows][];
      for (int i = 0; i < rows; i++) {
        vectors[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
      }
      return new LayerRows(children.get(children.size() - 2).getKey(), vectors);
    }
  }
}
