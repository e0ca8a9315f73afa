package dev.dltrack.trainer.nn;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link Dropout} (inverted dropout, {@code p} the probability to keep), the same masks,
 * outputs and generator states bit for bit, with the mask drawn in Java ({@link
 * InvertedDropoutMask}).
 *
 * <p>DL4J (1.0.0-M2.1) fills a mask with ones, runs ND4J's {@code DropOutInverted} random op on it
 * and multiplies the input by it; the random op is libnd4j's per-element generator call, some 4 ns
 * an element. Here the mask's values come from the thread's ND4J generator's states as the op's
 * would, the generator is advanced as the op advances it, and the products with the mask, forward
 * and backward, are taken in Java ({@link FloatMultiply}); everything else is DL4J's. With a
 * schedule for {@code p}, an array type other than float, or on another backend, it is DL4J's own.
 */
public class StudyDropout extends Dropout {
  private transient InvertedDropoutMask masks;
  private transient FloatMultiply multiply;

  /** With {@code activationRetainProbability}, the probability to keep an activation. */
  public StudyDropout(double activationRetainProbability) {
    super(activationRetainProbability);
  }

  /** For DL4J's JSON configuration format. */
  protected StudyDropout(
      @JsonProperty("p") double activationRetainProbability,
      @JsonProperty("pSchedule") ISchedule activationRetainProbabilitySchedule) {
    super(activationRetainProbability, activationRetainProbabilitySchedule);
  }

  @Override
  public INDArray applyDropout(
      INDArray inputActivations,
      INDArray output,
      int iteration,
      int epoch,
      LayerWorkspaceMgr workspaceMgr) {
    if (getPSchedule() != null
        || getHelper() != null
        || output.dataType() != DataType.FLOAT
        || !(Nd4j.getExecutioner() instanceof NativeOpExecutioner)) {
      return super.applyDropout(inputActivations, output, iteration, epoch, workspaceMgr);
    }
    INDArray input =
        inputActivations != output && inputActivations.dataType() != output.dataType()
            ? inputActivations.castTo(output.dataType())
            : inputActivations;
    INDArray mask =
        workspaceMgr.createUninitialized(
            ArrayType.INPUT, output.dataType(), output.shape(), output.ordering());
    if (mask.elementWiseStride() != 1 || mask.length() > Integer.MAX_VALUE) {
      return super.applyDropout(inputActivations, output, iteration, epoch, workspaceMgr);
    }
    if (masks == null) {
      masks = new InvertedDropoutMask(getP());
    }
    Random random = Nd4j.getRandom();
    long root = random.rootState();
    long node = random.nodeState();
    var buffer = mask.data().asNioFloat();
    masks.fill(buffer, buffer.position(), (int) mask.length(), root, node);
    random.setStates(root, InvertedDropoutMask.advanced(node, mask.length()));
    setMask(mask);
    if (!multiply().into(input, mask, output)) {
      Nd4j.getExecutioner().exec(new MulOp(input, mask, output));
    }
    return output;
  }

  /**
   * DL4J's backward pass ({@code gradAtInput = gradAtOutput * mask}, the mask then dropped), the
   * product in Java where the arrays allow.
   */
  @Override
  public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
    INDArray mask = getMask();
    if (getHelper() != null
        || mask == null
        || mask.dataType() != gradAtInput.dataType()
        || !multiply().into(gradAtOutput, mask, gradAtInput)) {
      return super.backprop(gradAtOutput, gradAtInput, iteration, epoch);
    }
    setMask(null);
    return gradAtInput;
  }

  private FloatMultiply multiply() {
    if (multiply == null) {
      multiply = new FloatMultiply();
    }
    return multiply;
  }

  @Override
  public StudyDropout clone() {
    return new StudyDropout(getP(), getPSchedule() == null ? null : getPSchedule().clone());
  }
}
