package dev.dltrack.trainer.nn;

import static java.util.Objects.requireNonNull;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's {@link MultiLayerUpdater}, computing the same updates and updater state bit for bit, with
 * less work per iteration where the network is trained with plain Adam.
 *
 * <p>DL4J's updater (1.0.0-M2.1) treats every training gradient as an "external" one (it compares
 * the gradient's array with its own by identity, and {@code DefaultGradient.gradient()} returns a
 * new reshaped view each time), so each iteration it builds views of every parameter's gradient and
 * parameters for regularization, even when there is none, and of the minibatch division's subsets:
 * some 30 ND4J arrays an iteration. Here, when every parameter is updated by Adam without
 * regularization or gradient normalization, and the gradient is the network's own, the views are
 * made once; the gradient is divided by the minibatch size and Adam's op is applied to each block
 * as DL4J does ({@link Kernel#ND4J}), or both are computed by {@link AdamStep} in Java, which the
 * C2 compiler vectorizes ({@link Kernel#JAVA}). Anything else goes to DL4J's own code.
 */
public final class StudyUpdater extends MultiLayerUpdater {
  /** How the fast path computes the division by the minibatch size and Adam's step. */
  public enum Kernel {
    /** ND4J's ops, as DL4J: the division, then {@code adam_updater} per block. */
    ND4J,
    /** {@link AdamStep}: faster where the JVM compiles with C2, slower with C1 alone. */
    JAVA;

    /**
     * {@link #JAVA} where this JVM's JIT has its C2 compiler, {@link #ND4J} where it runs C1 only
     * ({@code -XX:TieredStopAtLevel} below 4, or {@code -XX:CompilationMode=quick-only}).
     */
    public static Kernel forThisJvm() {
      return Jit.hasC2() ? JAVA : ND4J;
    }
  }

  private final Kernel kernel;
  private final List<Block> blocks; // null: DL4J's own path
  private final INDArray flatGradient; // 1-D view of the network's gradients
  private final boolean divide;
  private final AdamStep step;

  /** The updater of {@code network}, with {@link Kernel#forThisJvm()}. */
  public StudyUpdater(MultiLayerNetwork network) {
    this(network, Kernel.forThisJvm());
  }

  /** The updater of {@code network}, its fast path computing with {@code kernel}. */
  public StudyUpdater(MultiLayerNetwork network, Kernel kernel) {
    super(requireNonNull(network, "network"));
    this.kernel = requireNonNull(kernel, "kernel");
    INDArray flat = getFlattenedGradientsView();
    this.flatGradient = flat.reshape(flat.length());
    this.blocks = fastBlocks(flatGradient);
    this.divide = isMiniBatch();
    this.step = blocks != null && kernel == Kernel.JAVA ? new AdamStep() : null;
  }

  /** Whether iterations take the fast path (plain Adam, nothing else to apply). */
  public boolean fast() {
    return blocks != null;
  }

  /** The kernel of the fast path. */
  public Kernel kernel() {
    return kernel;
  }

  private record Block(
      INDArray gradient, // the block's gradient, shaped as its Adam state
      INDArray m,
      INDArray v,
      Adam config,
      FloatBuffer gradientBuffer,
      int gradientAt,
      FloatBuffer mBuffer,
      int mAt,
      FloatBuffer vBuffer,
      int vAt) {}

  /** The blocks' arrays, if every parameter takes the fast path; null otherwise. */
  private List<Block> fastBlocks(INDArray flat) {
    if (flat.dataType() != DataType.FLOAT || flat.elementWiseStride() != 1) {
      return null;
    }
    for (Trainable layer : getOrderedLayers()) {
      if (layer.numParams() == 0) {
        continue;
      }
      GradientNormalization normalization = layer.getConfig().getGradientNormalization();
      if (normalization != null && normalization != GradientNormalization.None) {
        return null;
      }
      for (String param : layer.paramTable(false).keySet()) {
        List<Regularization> regularization = layer.getConfig().getRegularizationByParam(param);
        if ((regularization != null && !regularization.isEmpty())
            || (isMiniBatch() && !layer.updaterDivideByMinibatch(param))) {
          return null;
        }
      }
    }
    List<Block> out = new ArrayList<>();
    long covered = 0;
    for (UpdaterBlock block : getUpdaterBlocks()) {
      GradientUpdater<?> updater = block.getGradientUpdater();
      if (block.isPretrainUpdaterBlock()
          || block.getParamOffsetStart() != covered
          || updater.getClass() != org.nd4j.linalg.learning.AdamUpdater.class) {
        return null;
      }
      Map<String, INDArray> state = updater.getState();
      INDArray m = state.get("M");
      INDArray v = state.get("V");
      int n = block.getParamOffsetEnd() - block.getParamOffsetStart();
      if (m == null || v == null || !contiguousFloats(m, n) || !contiguousFloats(v, n)) {
        return null;
      }
      INDArray gradient =
          flat.get(NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd()))
              .reshape(v.shape());
      FloatBuffer g = flat.data().asNioFloat();
      FloatBuffer mb = m.data().asNioFloat();
      FloatBuffer vb = v.data().asNioFloat();
      out.add(
          new Block(
              gradient,
              m,
              v,
              (Adam) updater.getConfig(),
              g,
              g.position() + block.getParamOffsetStart(),
              mb,
              mb.position(),
              vb,
              vb.position()));
      covered = block.getParamOffsetEnd();
    }
    return covered == flat.length() ? List.copyOf(out) : null;
  }

  private static boolean contiguousFloats(INDArray a, long n) {
    return a.dataType() == DataType.FLOAT && a.length() == n && a.elementWiseStride() == 1;
  }

  @Override
  public synchronized void update(
      Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
    if (blocks == null || !isNetworkGradient(gradient.gradient())) {
      super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
      return;
    }
    workspaceMgr.assertNotOpen(ArrayType.UPDATER_WORKING_MEM, "Updater working memory");
    if (kernel == Kernel.ND4J) {
      if (divide) {
        flatGradient.divi(batchSize);
      }
      for (Block b : blocks) {
        Nd4j.exec(
            new AdamUpdater(
                b.gradient(),
                b.v(),
                b.m(),
                b.config().getLearningRate(iteration, epoch),
                b.config().getBeta1(),
                b.config().getBeta2(),
                b.config().getEpsilon(),
                iteration));
      }
    } else {
      for (Block b : blocks) {
        step.apply(
            b.gradientBuffer(),
            b.gradientAt(),
            b.mBuffer(),
            b.mAt(),
            b.vBuffer(),
            b.vAt(),
            (int) b.gradient().length(),
            divide ? batchSize : 0,
            b.config().getLearningRate(iteration, epoch),
            b.config().getBeta1(),
            b.config().getBeta2(),
            b.config().getEpsilon(),
            iteration);
      }
    }
  }

  /** Whether {@code g} is the network's gradient array itself (the same memory, all of it). */
  private boolean isNetworkGradient(INDArray g) {
    return g.length() == flatGradient.length()
        && g.elementWiseStride() == 1
        && g.data().address() == flatGradient.data().address()
        && g.offset() == flatGradient.offset();
  }

  @Override
  public Updater clone() {
    return new StudyUpdater(getNetwork(), kernel);
  }
}
