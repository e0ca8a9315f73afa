package dev.dltrack.trainer.study;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.dl4j.NonFiniteLossException;
import dev.dltrack.tracker.dl4j.Tags;
import dev.dltrack.tracker.dl4j.TrackingListener;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistIterator;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.init.InitContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains one run of the study and logs it: the configuration (hparams and a text summary), every
 * iteration's loss and the model diagnostics through {@link TrackingListener}, validation loss and
 * accuracy after every epoch, and test loss and accuracy once at the end. A run whose loss becomes
 * NaN or infinite ends as a failure with the reason logged; the result says so.
 *
 * <p>For TensorBoard's other dashboards, each run also logs: the {@link #LAYOUT} of its Custom
 * Scalars charts; the first layer's weights as images of {@value #WEIGHT_TILES} 28×28 tiles, before
 * training and after every epoch; per-class PR curves ({@code pr/val/<class>} after every epoch,
 * from the validation pass the epoch makes anyway, and {@code pr/test/<class>} at the end); and the
 * penultimate layer's activations for the first {@value #EMBEDDING_SIZE} test images as an
 * embedding with class names and the images as sprites, before training and at the end.
 */
public final class StudyRun {
  /** Examples in the fixed probe batch (the first of the validation set) and the LSUV batch. */
  static final int PROBE_SIZE = 256;

  /** First-layer units drawn as weight tiles: an 8×8 grid. */
  public static final int WEIGHT_TILES = 64;

  /** Test images whose penultimate activations make the projector's embedding. */
  public static final int EMBEDDING_SIZE = 1000;

  /**
   * FashionMNIST's class names as tag parts ({@code T-shirt/top} is {@code T-shirt_top}, {@code
   * Ankle boot} is {@code Ankle_boot}): a slash would nest the tag, a space TensorBoard refuses.
   */
  public static final List<String> CLASS_TAGS =
      FashionMnistData.CLASS_NAMES.stream().map(c -> c.replaceAll("[^A-Za-z0-9-]", "_")).toList();

  /**
   * The Custom Scalars charts every run declares (TensorBoard merges them into one layout): train
   * and validation loss in one chart and accuracy in another, as the article's figures draw them,
   * and the validation accuracy of every run (every scheme) in one.
   */
  public static final Layout LAYOUT =
      Layout.builder()
          .category(
              "study",
              Layout.multiline(
                  "loss: train vs validation", exactly(Tags.TRAIN_LOSS), exactly(Tags.VAL_LOSS)),
              Layout.multiline(
                  "accuracy: train vs validation",
                  exactly(Tags.TRAIN_ACCURACY),
                  exactly(Tags.VAL_ACCURACY)),
              Layout.multiline("validation accuracy of every scheme", exactly(Tags.VAL_ACCURACY)))
          .build();

  private StudyRun() {}

  /**
   * A Custom Scalars pattern that matches {@code tag} only (tags hold no regex characters but
   * {@code /}).
   */
  private static String exactly(String tag) {
    return "^" + tag + "$";
  }

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

    FashionMnistIterator train =
        FashionMnistIterator.shuffled(data.train(), spec.batch(), spec.seed());
    long iterations = (long) spec.epochs() * train.batches();
    progress.runStarted(spec.runName(), iterations);
    INDArray valX = data.validation().features();
    INDArray valY = data.validation().labels();

    // with tracking off, a run that writes nothing: the code below calls it all the same
    Run run = tracking ? open(spec, experiment) : Run.noop(spec.runName());
    Tracked tracked = new Tracked(spec, run, progress);
    try {
      if (tracking) {
        run.text("config", 0, configMarkdown(spec, data));
        run.layout(LAYOUT);
        INDArray probe =
            valX.get(
                NDArrayIndex.interval(0, Math.min(PROBE_SIZE, valX.size(0))), NDArrayIndex.all());
        LabeledImages embedded = data.test().first(Math.min(EMBEDDING_SIZE, data.test().size()));
        net.setListeners(
            TrackingListener.builder(run)
                .probe(probe)
                .weightImages(LabeledImages.SIDE, LabeledImages.SIDE, WEIGHT_TILES)
                .embedding(embedded.features(), classNames(embedded), sprites(embedded))
                .embeddingEvery(spec.epochs())
                .iterationsPerEpoch(train.batches())
                .build(),
            tracked);
      } else {
        net.setListeners(tracked);
      }
      for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
        net.fit(train);
        Evaluation.Scored val = Evaluation.scored(net, valX, valY);
        tracked.epoch(epoch, net.getIterationCount(), val);
      }
      Evaluation.Scored test = Evaluation.scored(net, data.test());
      tracked.test(net.getIterationCount(), test);
      RunResult result = tracked.result(RunStatus.SUCCESS, "", test.evaluation(), elapsed(start));
      run.close();
      progress.runFinished(result);
      return result;
    } catch (NonFiniteLossException e) {
      run.fail(e.getMessage());
      RunResult result =
          tracked.result(
              RunStatus.FAILURE,
              e.getMessage(),
              new Evaluation(Double.NaN, Double.NaN),
              elapsed(start));
      progress.runFinished(result);
      return result;
    } catch (RuntimeException | IOException | Error e) {
      try {
        run.fail(e);
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Each image's class name, the embedding's metadata. */
  public static List<String> classNames(LabeledImages images) {
    List<String> names = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      names.add(FashionMnistData.CLASS_NAMES.get(images.label(i)));
    }
    return names;
  }

  /** Each image as itself, 28×28 grey: the projector's sprites. */
  public static List<ImageData> sprites(LabeledImages images) {
    List<ImageData> sprites = new ArrayList<>(images.size());
    float[] pixels = new float[LabeledImages.PIXELS];
    for (int i = 0; i < images.size(); i++) {
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = images.pixel(i, p);
      }
      sprites.add(ImageData.grey(LabeledImages.SIDE, LabeledImages.SIDE, pixels, PixelRange.UNIT));
    }
    return sprites;
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static Run open(RunSpec spec, Experiment experiment) throws IOException {
    Run.Builder run =
        Run.builder(spec.runName())
            .logRoot(spec.logRoot())
            .config(config(spec))
            .group(spec.scheme().name())
            .experiment(experiment)
            .ifExists(spec.ifExists())
            .lockOwner(spec.lockOwner());
    spec.runOptions().forEach(run::option); // only those given: the formats' defaults stay
    return run.open();
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
    md.append("**")
        .append(spec.runName())
        .append("**: ")
        .append(spec.scheme().description())
        .append("\n\n");
    md.append("| setting | value |\n|---|---|\n");
    config(spec)
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(
        String.format(
            Locale.ROOT,
            "| data | FashionMNIST: %d train, %d validation, %d test |\n",
            data.train().size(),
            data.validation().size(),
            data.test().size()));
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

    void epoch(int epoch, long step, Evaluation.Scored scored) {
      Evaluation val = scored.evaluation();
      run.scalar(Tags.VAL_LOSS, step, val.loss());
      run.scalar(Tags.VAL_ACCURACY, step, val.accuracy());
      prCurves("pr/val", step, scored);
      last = val.accuracy();
      if (!(val.accuracy() <= best)) {
        best = val.accuracy();
        bestEpoch = epoch;
      }
      progress.epochDone(spec.runName(), epoch, spec.epochs(), val.accuracy(), val.loss());
    }

    void test(long step, Evaluation.Scored scored) {
      Evaluation test = scored.evaluation();
      run.scalar(Tags.TEST_LOSS, step, test.loss());
      run.scalar(Tags.TEST_ACCURACY, step, test.accuracy());
      prCurves("pr/test", step, scored);
      run.summary("best_val_accuracy", best);
    }

    /** One-vs-rest PR curve per class, {@code <tag>/<class name>}; none for a diverged network. */
    private void prCurves(String tag, long step, Evaluation.Scored scored) {
      if (scored.probabilities() != null) {
        run.prCurves(tag, step, scored.labels(), scored.probabilities(), CLASS_TAGS);
      }
    }

    RunResult result(RunStatus status, String failure, Evaluation test, Duration time) {
      return new RunResult(
          spec.runName(),
          spec.scheme().name(),
          spec.seed(),
          best,
          bestEpoch,
          last,
          test.accuracy(),
          test.loss(),
          time,
          status,
          failure);
    }
  }
}
