package dev.dltrack.trainer.study;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.dl4j.NonFiniteLossException;
import dev.dltrack.tracker.dl4j.TrackingListener;
import dev.dltrack.trainer.data.FashionMnistIterator;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitContext;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one run of the study and logs it: the configuration (hparams and a text summary), every
 * iteration's loss and the model diagnostics through {@link TrackingListener}, validation loss and
 * accuracy after every epoch, and test loss and accuracy once at the end. A run whose loss becomes
 * NaN or infinite ends as a failure with the reason logged; the result says so.
 */
public final class StudyRun {
  /** Examples in the fixed probe batch (the first of the validation set) and the LSUV batch. */
  static final int PROBE_SIZE = 256;

  private StudyRun() {}

  /**
   * Trains {@code spec} on {@code data}. With {@code tracking} off, the run is trained and
   * evaluated the same way but nothing is logged (the baseline for measuring logging overhead).
   */
  public static RunResult train(
      RunSpec spec,
      FashionMnistSplits data,
      Experiment experiment,
      boolean tracking,
      SweepProgress progress)
      throws IOException {
    return train(spec, data, experiment, tracking, progress, StudyModel.Layers.REUSING);
  }

  /**
   * Trains {@code spec} on {@code data} as {@link #train(RunSpec, FashionMnistSplits, Experiment,
   * boolean, SweepProgress)} does, with the model on {@code layers}: to compare DL4J's own layers
   * with the study's, which give the same results.
   */
  public static RunResult train(
      RunSpec spec,
      FashionMnistSplits data,
      Experiment experiment,
      boolean tracking,
      SweepProgress progress,
      StudyModel.Layers layers)
      throws IOException {
    long start = System.nanoTime();
    // DL4J's dropout draws from this thread's ND4J generator; seed it so that runs repeat exactly
    Nd4j.getRandom().setSeed(spec.seed());
    MultiLayerNetwork net = StudyModel.build(spec.seed(), spec.learningRate(), layers);
    INDArray trainSample = data.train().first(Math.min(PROBE_SIZE, data.train().size())).features();
    spec.scheme().apply(net, InitContext.withBatch(spec.seed(), trainSample));

    FashionMnistIterator train = FashionMnistIterator.shuffled(data.train(), spec.batch(), spec.seed());
    long iterations = (long) spec.epochs() * ((data.train().size() + spec.batch() - 1) / spec.batch());
    progress.runStarted(spec.runName(), iterations);
    INDArray valX = data.validation().features();
    INDArray valY = data.validation().labels();

    Run run = tracking ? open(spec, experiment) : null;
    Tracked tracked = new Tracked(spec, run, progress);
    try {
      if (run != null) {
        run.text("config", 0, configMarkdown(spec, data));
        INDArray probe = valX.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(PROBE_SIZE, valX.size(0))),
            org.nd4j.linalg.indexing.NDArrayIndex.all());
        net.setListeners(TrackingListener.builder(run).probe(probe).build(), tracked);
      } else {
        net.setListeners(tracked);
      }
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        net.fit(train);
        Evaluation val = Evaluation.of(net, valX, valY);
        tracked.epoch(epoch, net.getIterationCount(), val);
      }
      Evaluation test = Evaluation.of(net, data.test());
      tracked.test(net.getIterationCount(), test);
      RunResult result = tracked.result(RunStatus.SUCCESS, "", test, elapsed(start));
      if (run != null) {
        run.close();
      }
      progress.runFinished(result);
      return result;
    } catch (NonFiniteLossException e) {
      if (run != null) {
        run.fail(e.getMessage());
      }
      RunResult result =
          tracked.result(RunStatus.FAILURE, e.getMessage(), new Evaluation(Double.NaN, Double.NaN), elapsed(start));
      progress.runFinished(result);
      return result;
    } catch (RuntimeException | IOException | Error e) {
      if (run != null) {
        try {
          run.fail(e);
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static Run open(RunSpec spec, Experiment experiment) throws IOException {
    return Run.builder(spec.runName())
        .logRoot(spec.logRoot())
        .config(config(spec))
        .group(spec.scheme().name())
        .experiment(experiment)
        // the sweep command has refused existing runs unless told to replace them
        .overwrite()
        .open();
  }

  /** The run's hyperparameters, as logged. */
  static Map<String, Object> config(RunSpec spec) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("scheme", spec.scheme().name());
    c.put("seed", spec.seed());
    c.put("lr", spec.learningRate());
    c.put("batch", spec.batch());
    c.put("epochs", spec.epochs());
    c.put("model", StudyModel.DESCRIPTION);
    return c;
  }

  private static String configMarkdown(RunSpec spec, FashionMnistSplits data) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(spec.runName()).append("**: ").append(spec.scheme().description()).append("\n\n");
    md.append("| setting | value |\n|---|---|\n");
    config(spec).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(String.format(Locale.ROOT,
        "| data | FashionMNIST: %d train, %d validation, %d test |\n",
        data.train().size(), data.validation().size(), data.test().size()));
    md.append("| optimizer | Adam, cross-entropy loss, biases initialized to zero |\n");
    return md.toString();
  }

  /** Logs the evaluation results and keeps what the result needs; reports progress. */
  private static final class Tracked extends BaseTrainingListener {
    private final RunSpec spec;
    private final Run run;
    private final SweepProgress progress;
    private double best = Double.NaN;
    private int bestEpoch;
    private double last = Double.NaN;

    Tracked(RunSpec spec, Run run, SweepProgress progress) {
      this.spec = spec;
      this.run = run;
      this.progress = progress;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
      progress.iterationDone(spec.runName());
    }

    void epoch(int epoch, long step, Evaluation val) {
      if (run != null) {
        run.scalar("val/loss", step, val.loss());
        run.scalar("val/accuracy", step, val.accuracy());
      }
      last = val.accuracy();
      if (!(val.accuracy() <= best)) {
        best = val.accuracy();
        bestEpoch = epoch;
      }
      progress.epochDone(spec.runName(), epoch, spec.epochs(), val.accuracy(), val.loss());
    }

    void test(long step, Evaluation test) {
      if (run != null) {
        run.scalar("test/loss", step, test.loss());
        run.scalar("test/accuracy", step, test.accuracy());
        run.summary("best_val_accuracy", best);
      }
    }

    RunResult result(RunStatus status, String failure, Evaluation test, Duration time) {
      return new RunResult(
          spec.runName(), spec.scheme().name(), spec.seed(), best, bestEpoch, last,
          test.accuracy(), test.loss(), time, status, failure);
    }
  }
}
