package dev.dltrack.trainer.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer {@link ReusingOutputLayer} configures: DL4J's output layer, whose training score reuses
 * the pre-activation its backward pass computed.
 *
 * <p>{@code MultiLayerNetwork.computeGradientAndScore} runs the output layer's backward pass, then
 * asks it for the score; DL4J's layer computes {@code xW + b} for each. Here the backward pass
 * keeps a copy (outside any workspace: its own closes when the layer's backward pass ends), and a
 * training score on the same input uses it; everything else is DL4J's code.
 */
final class ReusingOutput extends OutputLayer {
  private boolean keeping;
  private KeptArray kept;
  private INDArray reuse;

  ReusingOutput(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
    kept = null;
    super.setInput(input, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    kept = null;
    keeping = true;
    try {
      return super.backpropGradient(epsilon, workspaceMgr);
    } finally {
      keeping = false;
    }
  }

  @Override
  public double computeScore(
      double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    reuse = training && kept != null ? kept.validFor(input) : null;
    kept = null;
    try {
      return super.computeScore(fullNetRegTerm, training, workspaceMgr);
    } finally {
      reuse = null;
    }
  }

  @Override
  protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (reuse != null) {
      INDArray z = reuse;
      reuse = null;
      return z;
    }
    INDArray z = super.preOutput2d(training, workspaceMgr);
    if (keeping && training) {
      // after super.preOutput2d, input is the input with dropout applied, as the score will see it
      kept = KeptArray.of(z.detach(), input);
    }
    return z;
  }

  @Override
  public void clear() {
    kept = null;
    reuse = null;
    super.clear();
  }
}
