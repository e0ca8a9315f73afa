package dev.dltrack.trainer.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer {@link ReusingDenseLayer} configures: DL4J's dense layer, whose training forward pass
 * keeps its pre-activation for the backward pass, and which can leave out the input gradient.
 *
 * <p>The backward pass is DL4J's {@code BaseLayer.backpropGradient} (1.0.0-M2.1) operation for
 * operation, on the kept pre-activation instead of a recomputed one; that is what makes its results
 * equal bit for bit. A plain ReLU's derivative is computed by {@link ReluBackward}, the same bits
 * as ND4J's op. When no kept pre-activation is valid (no training forward pass on this input, layer
 * normalization) it is DL4J's own.
 */
final class ReusingDense extends DenseLayer {
  private final boolean inputGradient;
  private KeptArray preActivation;
  private ReluBackward reluBackward; // made at the first backward pass with a plain ReLU

  ReusingDense(NeuralNetConfiguration conf, DataType dataType, boolean inputGradient) {
    super(conf, dataType);
    this.inputGradient = inputGradient;
  }

  @Override
  public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    preActivation = null;
    super.setInput(input, workspaceMgr);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    preActivation = null;
    if (!training || hasLayerNorm()) {
      return super.activate(training, workspaceMgr);
    }
    // BaseLayer.activate, except that the activation function (in place) works on a copy
    INDArray z = preOutput(true, workspaceMgr);
    INDArray out =
        layerConf()
            .getActivationFn()
            .getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, z), true);
    if (maskArray != null) {
      applyMask(out);
    }
    preActivation = KeptArray.of(z, input);
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    INDArray z = preActivation == null ? null : preActivation.validFor(input);
    preActivation = null;
    if (z == null) {
      Pair<Gradient, INDArray> recomputed = super.backpropGradient(epsilon, workspaceMgr);
      return inputGradient ? recomputed : new Pair<>(recomputed.getFirst(), null);
    }
    assertInputSet(true);
    INDArray delta = null;
    if (ReluBackward.isPlainRelu(layerConf().getActivationFn())) {
      if (reluBackward == null) {
        reluBackward = new ReluBackward();
      }
      delta = reluBackward.gradient(z, epsilon);
    }
    if (delta == null) {
      delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
    }
    if (maskArray != null) {
      applyMask(delta);
    }

    Gradient ret = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGrad, 0);
      ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
    }

    INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
    INDArray epsilonNext = null;
    if (inputGradient) {
      epsilonNext =
          workspaceMgr.createUninitialized(
              ArrayType.ACTIVATION_GRAD,
              delta.dataType(),
              new long[] {w.size(0), delta.size(0)},
              'f');
      epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
    }

    INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
    ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);

    weightNoiseParams.clear();

    if (inputGradient) {
      epsilonNext = backpropDropOutIfPresent(epsilonNext);
    } else if (layerConf().getIDropout() != null) {
      // what the dropout's backward pass would have done to its state
      layerConf().getIDropout().clear();
    }
    return new Pair<>(ret, epsilonNext);
  }

  @Override
  public void clear() {
    preActivation = null;
    super.clear();
  }
}
