package dev.dltrack.tracker.dl4j;

import static com.google.common.base.Preconditions.checkState;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.instrument.Instrumentation;
import dev.dltrack.tracker.instrument.ModelView;
import dev.dltrack.tracker.instrument.NamedParameterView;
import dev.dltrack.tracker.instrument.ParameterView;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Logs {@code SameDiff.fit} into a {@link Run}, through SameDiff's own listener API; made by {@link
 * TrackingListener.Builder#buildForSameDiff()} and set with {@code sd.setListeners(listener)}.
 * Steps are the iteration count, as with {@link TrackingListener}. Variables (trainable parameters,
 * SameDiff's {@code VARIABLE}s) are named in tags by their SameDiff names, {@code <var>} below; for
 * a kind of value, the kind goes before the name's last segment, so that {@code layer0/W} has
 * {@code layer0/update_ratio/W} and {@code w0} has {@code update_ratio/w0}.
 *
 * <ul>
 *   <li>every {@code lossEvery} iterations: {@code train/batch_loss}, the minibatch's total loss
 *       (all loss variables and regularization);
 *   <li>at the end of each epoch: {@code train/loss}, the running mean of the minibatch losses over
 *       the epoch, weighted by minibatch size, and {@code epoch} (1 for the first);
 *   <li>per variable, before the first update and after every epoch: histograms {@code <var>};
 *   <li>per variable, at the first iteration of every epoch and every {@code updateRatioEvery}
 *       iterations: mean |update| / mean |parameter| as {@code update_ratio} (see above), the
 *       update being what the updater computed, before it is applied.
 * </ul>
 *
 * <p>SameDiff 1.0.0-M2.1 computes a loss variable during training only where the gradient needs its
 * value: for many graphs (a fused {@code softmaxCrossEntropy}, for one) the loss it hands listeners
 * is 0. The listener notices that at the first iteration (the loss variable's op never runs) and
 * then computes the loss itself, with one inference pass on each minibatch before its update
 * (without regularization terms); where training computes it, its value is used as is.
 *
 * <p>SameDiff applies each gradient's update in place before listeners see it, so gradient
 * histograms are not logged; evaluations you compute can be logged with {@link Evaluations}. {@code
 * sd.fit(iterator, epochs)} reports epochs; {@code sd.fit(multiDataSet)} per minibatch does not:
 * call {@link #epochEnd()} after each pass over the data, as with {@link
 * TrackingListener#epochEnd()}. A NaN or infinite loss throws {@link NonFiniteLossException} out of
 * {@code fit} unless turned off.
 */
public final class SameDiffTrackingListener extends BaseListener {
  /** What is logged and when: the collectors the builder turned on. */
  private final Instrumentation instruments;

  private SameDiff sameDiff;

  /** Whether SameDiff's training computes the loss variables; null until the first iteration. */
  private Boolean trainingComputesLoss;

  private boolean lossSeen;
  private double ownLoss = Double.NaN;

  SameDiffTrackingListener(Instrumentation instruments) {
    this.instruments = instruments;
  }

  @Override
  public boolean isActive(Operation operation) {
    return operation == Operation.TRAINING;
  }

  private synchronized void bind(SameDiff sd) {
    if (sameDiff == null) {
      sameDiff = sd;
    }
  }

  private static long iterations(SameDiff sd) {
    return sd.getTrainingConfig().getIterationCount();
  }

  @Override
  public synchronized void epochStart(SameDiff sd, At at) {
    bind(sd);
    instruments.updateRatiosPending();
    logInitial(sd);
  }

  @Override
  public synchronized void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlTimeMs) {
    bind(sd);
    logInitial(sd); // fit(MultiDataSet) calls no epochStart
    lossSeen = false;
    if (!Boolean.TRUE.equals(trainingComputesLoss) && data != null) {
      ownLoss = lossOf(sd, data);
    }
  }

  @Override
  public void opExecution(
      SameDiff sd,
      At at,
      MultiDataSet batch,
      SameDiffOp op,
      OpContext opContext,
      INDArray[] outputs) {
    if (Boolean.FALSE.equals(trainingComputesLoss) || lossSeen) {
      return;
    }
    List<String> losses = sd.getLossVariables();
    for (String out : op.getOutputsOfOp()) {
      if (losses.contains(out)) {
        lossSeen = true;
      }
    }
  }

  /**
   * The total of the loss variables on {@code data} with the current variables: one inference pass,
   * for graphs whose training does not compute the loss (see the class comment).
   */
  private static double lossOf(SameDiff sd, MultiDataSet data) {
    TrainingConfig config = sd.getTrainingConfig();
    Map<String, INDArray> placeholders = new HashMap<>();
    put(placeholders, config.getDataSetFeatureMapping(), data.getFeatures());
    put(placeholders, config.getDataSetLabelMapping(), data.getLabels());
    put(placeholders, config.getDataSetFeatureMaskMapping(), data.getFeaturesMaskArrays());
    put(placeholders, config.getDataSetLabelMaskMapping(), data.getLabelsMaskArrays());
    List<String> losses = sd.getLossVariables();
    Map<String, INDArray> out = sd.output(placeholders, losses.toArray(new String[0]));
    double total = 0;
    for (String l : losses) {
      INDArray a = out.get(l);
      total += a.isScalar() ? a.getDouble(0) : a.sumNumber().doubleValue();
    }
    return total;
  }

  private static void put(
      Map<String, INDArray> placeholders, List<String> names, INDArray[] arrays) {
    if (names == null || arrays == null) {
      return;
    }
    for (int i = 0; i < names.size() && i < arrays.length; i++) {
      if (arrays[i] != null) {
        placeholders.put(names.get(i), arrays[i]);
      }
    }
  }

  private void logInitial(SameDiff sd) {
    if (!instruments.initialLogged() && iterations(sd) == 0) {
      instruments.beforeTraining(variables(sd));
    }
  }

  @Override
  public synchronized void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
    long step = at.iteration();
    if (!instruments.updateRatiosDueForEach(step)) {
      return;
    }
    INDArray param = v.getVariable().getArr();
    double ratio = absSum(update) / absSum(param);
    instruments.updateRatios(
        step, ModelView.of(List.of(TrackedVariable.of(v.getName(), param, ratio))));
  }

  private static double absSum(INDArray a) {
    FloatBuffer direct = INDArrays.direct(a);
    if (direct == null) {
      return a.ameanNumber().doubleValue() * a.length();
    }
    double sum = 0;
    for (int i = 0; i < direct.limit(); i++) {
      sum += Math.abs(direct.get(i));
    }
    return sum;
  }

  @Override
  public synchronized void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
    long step = at.iteration();
    instruments.updateRatiosTaken();
    if (trainingComputesLoss == null) {
      trainingComputesLoss = lossSeen;
    }
    double total = lossSeen ? loss.totalLoss() : ownLoss;
    long batch =
        dataSet != null && dataSet.numFeatureArrays() > 0 ? dataSet.getFeatures(0).size(0) : 1;
    instruments.iteration(step, total, batch);
    if (instruments.lossStopsTraining(total)) {
      throw new NonFiniteLossException(total, step, at.epoch());
    }
  }

  @Override
  public synchronized ListenerResponse epochEnd(
      SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
    bind(sd);
    end(sd, at.epoch() + 1);
    return ListenerResponse.CONTINUE;
  }

  /**
   * Ends an epoch of a loop that SameDiff does not drive ({@code sd.fit(multiDataSet)} per
   * minibatch); does nothing where the epoch was already ended at this iteration.
   *
   * @throws IllegalStateException if no SameDiff has been trained with this listener yet
   */
  public synchronized void epochEnd() {
    checkState(
        sameDiff != null,
        "epochEnd() called before any training iteration: set this listener on the "
            + "SameDiff instance and train it first");
    end(sameDiff, instruments.clock().epochsEnded() + 1);
  }

  private void end(SameDiff sd, int epochNumber) {
    long step = iterations(sd);
    if (instruments.epochEnds(step, epochNumber, variables(sd), Map.of(), false)) {
      instruments.updateRatiosPending();
    }
  }

  /**
   * The trainable variables (SameDiff's {@code VARIABLE}s with values), as the instrumentation sees
   * them.
   */
  private static ModelView variables(SameDiff sd) {
    return () -> {
      List<ParameterView> all = new ArrayList<>();
      for (SDVariable v : sd.variables()) {
        if (v.getVariableType() == VariableType.VARIABLE && v.getArr() != null) {
          all.add(TrackedVariable.of(v.name(), v.getArr(), Double.NaN));
        }
      }
      return all;
    };
  }

  /**
   * A variable, named in tags by its SameDiff name: {@code layer0/W} is parameter {@code W} of
   * layer {@code layer0}, whose update ratio is {@code layer0/update_ratio/W}; {@code w0}, of no
   * layer, has {@code update_ratio/w0}.
   */
  private static final class TrackedVariable extends NamedParameterView {
    private final INDArray value;
    private final double updateRatio;

    private TrackedVariable(String layer, String name, INDArray value, double updateRatio) {
      super(layer, name);
      this.value = value;
      this.updateRatio = updateRatio;
    }

    static TrackedVariable of(String variable, INDArray value, double updateRatio) {
      int sep = variable.lastIndexOf('/');
      return new TrackedVariable(
          sep < 0 ? "" : variable.substring(0, sep),
          variable.substring(sep + 1),
          value,
          updateRatio);
    }

    @Override
    public boolean trained() {
      return true;
    }

    @Override
    public float[] values() {
      return INDArrays.values(value);
    }

    /** SameDiff applies each update in place before listeners see it: no gradient is at hand. */
    @Override
    public float[] gradient() {
      return null;
    }

    @Override
    public double updateRatio() {
      return updateRatio;
    }
  }
}
