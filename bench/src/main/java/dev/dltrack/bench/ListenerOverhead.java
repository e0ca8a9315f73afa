package dev.dltrack.bench;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.trainer.data.FashionMnistIterator;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.init.InitContext;
import dev.dltrack.trainer.init.InitScheme;
import dev.dltrack.trainer.study.StudyModel;
import dev.dltrack.trainer.study.StudyRun;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What logging costs in training, on the study's model and real FashionMNIST: epoch time with no
 * listener, with an empty one (what DL4J itself does differently once any listener is set), with
 * the tracker's full listener and with DL4J's {@code StatsListener}, as {@link Listening} describes
 * them. A measurement trains a fresh he-normal network (same seed, same data order) for a few
 * epochs and takes their mean, counting the final close of the run or storage, so that no logging
 * work is left out. The configurations take turns in a rotating order, after one untimed epoch
 * each; ratios are taken within a repetition. Each measurement also times the listener's callbacks
 * and its final close on the training thread (its direct cost, see {@link TimedListener}), plus
 * what the study logs between epochs (the validation PR curves): a figure that, unlike the ratio of
 * two noisy epoch times, can resolve a cost of a few percent on a shared two-core machine. The
 * tracker logs all the study logs: weight images, the embedding with sprites before and after
 * training, PR curves and the layout.
 *
 * <p>Then the tracker's direct cost alone on two other models (see {@link #otherModels}).
 *
 * <pre>java -cp ... dev.dltrack.bench.ListenerOverhead OUT.json [--quick]</pre>
 *
 * Run with OMP_NUM_THREADS=1, as {@code bench/run} does. {@code --quick} trains on 5,000 images for
 * one epoch, once: to see that everything runs. {@code -Ddltrack.bench.reps=N} and {@code
 * -Ddltrack.bench.epochs=N} shorten a full run.
 */
public final class ListenerOverhead {
  static final String SECTION = "training, epoch time";

  /**
   * System properties that override the repetitions and epochs per measurement (of the study's
   * model and of the other models alike), for a shorter run on a busy machine; the report's notes
   * say what was used.
   */
  static final String REPS_PROPERTY = "dltrack.bench.reps";

  /** The epochs of a study run (the sweep's default), for the direct cost over a whole run. */
  static final String STUDY_EPOCHS_PROPERTY = "dltrack.bench.studyEpochs";

  private static final int STUDY_EPOCHS = 10;

  /** Trainings of a whole study run's length: each takes 10 epochs. */
  private static final int STUDY_REPS = 3;

  static final String EPOCHS_PROPERTY = "dltrack.bench.epochs";

  /** Measurements per configuration. */
  private static final int REPS = 7;

  /**
   * Epochs per measurement: enough to spread the tracker's once-per-run work (opening the run, the
   * histograms before the first update, the final close) as in a short real run.
   */
  private static final int EPOCHS = 3;

  private static final long SEED = 1;
  private static final int BATCH = 128;
  private static final double LEARNING_RATE = 1e-3;

  /** As StudyRun's probe: the first validation images. */
  private static final int PROBE_SIZE = 256;

  private final FashionMnistSplits data;
  private final INDArray probe;
  private final LabeledImages embedded;
  private final List<String> embeddedLabels;
  private final List<ImageData> sprites;
  private final int[] validationLabels;
  private final float[][] validationProbabilities;

  private ListenerOverhead(FashionMnistSplits data) {
    this.data = data;
    INDArray valX = data.validation().features();
    this.probe =
        valX.get(NDArrayIndex.interval(0, Math.min(PROBE_SIZE, valX.size(0))), NDArrayIndex.all());
    this.embedded = data.test().first(Math.min(StudyRun.EMBEDDING_SIZE, data.test().size()));
    this.embeddedLabels = StudyRun.classNames(embedded);
    this.sprites = StudyRun.sprites(embedded);
    // one validation pass of a fresh network: what StudyRun's PR curves are computed from
    MultiLayerNetwork net = StudyModel.build(SEED, LEARNING_RATE);
    InitScheme.byName("he-normal").apply(net, InitContext.of(SEED));
    float[][] out = net.output(valX, false).toFloatMatrix();
    for (float[] row : out) {
      for (int c = 0; c < row.length; c++) {
        row[c] = Math.min(1f, Math.max(0f, row[c]));
      }
    }
    this.validationProbabilities = out;
    this.validationLabels = new int[data.validation().size()];
    for (int i = 0; i < validationLabels.length; i++) {
      validationLabels[i] = data.validation().label(i);
    }
  }

  private Listening.StudyInputs inputs(int epochs) {
    return new Listening.StudyInputs(
        probe,
        embedded.features(),
        embeddedLabels,
        sprites,
        epochs,
        (data.train().size() + BATCH - 1) / BATCH,
        validationLabels,
        validationProbabilities);
  }

  public static void main(String[] args) throws Exception {
    BenchArgs cli = BenchArgs.parse("ListenerOverhead", args);
    boolean quick = cli.quick();
    int reps = quick ? 1 : Integer.getInteger(REPS_PROPERTY, REPS);
    int epochs = quick ? 1 : Integer.getInteger(EPOCHS_PROPERTY, EPOCHS);
    FashionMnistSplits data =
        FashionMnistSplits.split(
            FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED);
    if (quick) {
      data = data.limit(5_000, 1_000, 1_000);
    }
    Report report = new Report("The tracker's DL4J listener and DL4J's StatsListener");
    report.note(
        String.format(
            Locale.ROOT,
            "%d repetitions after warm-up; each trains a fresh network for %d epochs of %,d FashionMNIST images,"
                + " batch %d, and reports the mean epoch time, the final close included",
            reps,
            epochs,
            data.train().size(),
            BATCH));
    ListenerOverhead bench = new ListenerOverhead(data);
    bench.run(report, reps, epochs, quick);
    if (Boolean.parseBoolean(System.getProperty(OTHER_MODELS_PROPERTY, "true"))) {
      bench.otherModels(report, quick);
    }
    report.write(cli.out());
  }

  private void run(Report report, int reps, int epochs, boolean quick) throws Exception {
    List<Listening> configs =
        List.of(Listening.NONE, Listening.EMPTY, Listening.TRACKER, Listening.DL4J_STATS);
    for (Listening l : configs) {
      train(l, 1);
    }
    Map<Listening, double[]> direct = new EnumMap<>(Listening.class);
    configs.forEach(l -> direct.put(l, new double[reps]));
    double[] trackerCallbacks = new double[reps];
    Map<String, double[]> trackerParts = new TreeMap<>();
    Map<Listening, double[]> times =
        Turns.take(
            configs,
            reps,
            (l, rep) -> {
              Training t = train(l, epochs);
              direct.get(l)[rep] = t.directSeconds() / t.seconds();
              if (l == Listening.TRACKER) {
                trackerCallbacks[rep] = t.callbackSeconds() / t.seconds();
                t.parts()
                    .forEach(
                        (part, seconds) ->
                            trackerParts.computeIfAbsent(part, k -> new double[reps])[rep] =
                                1e3 * seconds / epochs);
              }
              return t.seconds() / epochs;
            });
    for (Listening l : configs) {
      report.row(new Row(SECTION, l.label(), "mean epoch time", "s", Stats.of(times.get(l))));
    }
    // the measure is the callbacks' time; the run's close, which the training loop calls
    // once at its end and which waits for the writers, is counted as well in the row after
    report.ratio(
        Ratio.of(
            SECTION,
            "the tracker's direct cost: time in its callbacks (and the study's epoch-end logging), on the training thread / training time",
            Stats.of(trackerCallbacks),
            Target.atMost(0.03)));
    report.ratio(
        Ratio.of(
            SECTION,
            "the tracker's direct cost: time in its callbacks and final close, on the training thread / training time",
            Stats.of(direct.get(Listening.TRACKER)),
            Target.atMost(0.03)));
    trackerParts.forEach(
        (part, ms) ->
            report.row(
                new Row(
                    SECTION,
                    "the tracker's direct cost, by part: " + part,
                    "per epoch",
                    "ms",
                    Stats.of(ms))));
    // the same over a study run's length, where the once-per-run work (logging before training,
    // the final embedding and close) is spread over its 10 epochs rather than 3
    int studyEpochs = quick ? 1 : Integer.getInteger(STUDY_EPOCHS_PROPERTY, STUDY_EPOCHS);
    int studyReps = Math.min(reps, STUDY_REPS);
    double[] studyDirect = new double[studyReps];
    for (int rep = 0; rep < studyReps; rep++) {
      Training t = train(Listening.TRACKER, studyEpochs);
      studyDirect[rep] = t.directSeconds() / t.seconds();
    }
    report.ratio(
        Ratio.of(
            SECTION,
            "the tracker's direct cost over a study run's "
                + studyEpochs
                + " epochs ("
                + studyReps
                + " trainings): time in its callbacks and final close / training time",
            Stats.of(studyDirect),
            Target.atMost(0.03)));
    report.ratio(
        Ratio.of(
            SECTION,
            "DL4J's StatsListener's direct cost: time in its callbacks and final close / training time",
            Stats.of(direct.get(Listening.DL4J_STATS))));
    double[] none = times.get(Listening.NONE);
    double[] tracker = times.get(Listening.TRACKER);
    double[] stats = times.get(Listening.DL4J_STATS);
    report.ratio(
        Ratio.of(
            SECTION,
            "with the tracker / no listener",
            Stats.ofRatios(tracker, none),
            Target.atMost(1.03)));
    report.ratio(
        Ratio.of(SECTION, "with DL4J's StatsListener / no listener", Stats.ofRatios(stats, none)));
    report.ratio(
        Ratio.of(
            SECTION,
            "with an empty listener / no listener (DL4J's part of any listener's cost)",
            Stats.ofRatios(times.get(Listening.EMPTY), none)));
    report.ratio(
        Ratio.of(
            SECTION,
            "with the tracker / with DL4J's StatsListener",
            Stats.ofRatios(tracker, stats),
            Target.below(1)));
  }

  static final String OTHER_SECTION = "training, other models";

  /** {@code -Ddltrack.bench.otherModels=false} measures the study's model only. */
  static final String OTHER_MODELS_PROPERTY = "dltrack.bench.otherModels";

  /** Repetitions of each other model: its direct cost varies little between them. */
  private static final int OTHER_REPS = 2;

  /**
   * Epochs per measurement of the other models: the once-per-run work (histograms before training,
   * the final close) spread over more than one epoch, as in a real run.
   */
  private static final int OTHER_EPOCHS = 2;

  /** Training images for the CNN: a convolution epoch on one core takes much longer. */
  private static final int CNN_IMAGES = 10_000;

  /**
   * The tracker's direct cost on a ComputationGraph (the study's MLP as a graph, whose metrics take
   * the listener's general output path instead of the dense-softmax one) and on a CNN with batch
   * normalization (rank-4 activations, state parameters): the same measurement as for the study's
   * model, with the tracker only.
   */
  private void otherModels(Report report, boolean quick) throws Exception {
    int reps = quick ? 1 : Integer.getInteger(REPS_PROPERTY, OTHER_REPS);
    int epochs = quick ? 1 : Integer.getInteger(EPOCHS_PROPERTY, OTHER_EPOCHS);
    FashionMnistSplits cnnData =
        data.limit(
            Math.min(CNN_IMAGES, data.train().size()),
            data.validation().size(),
            data.test().size());
    report.note(
        String.format(
            Locale.ROOT,
            "other models: %d repetitions after a warm-up epoch, %d epochs each; the graph on %,d images, the CNN on %,d;"
                + " both with a probe of %d validation images",
            reps,
            epochs,
            data.train().size(),
            cnnData.train().size(),
            PROBE_SIZE));
    record Other(String label, Supplier<Model> build, FashionMnistSplits on) {}
    List<Other> others =
        List.of(
            new Other(
                "ComputationGraph: the study's MLP as a graph",
                () -> OtherModels.graph(SEED, LEARNING_RATE),
                data),
            new Other(
                "CNN: conv 5x5x8 ReLU, batch norm, max pool, conv 5x5x16, ReLU, max pool, dense 10 softmax",
                () -> OtherModels.cnn(SEED, LEARNING_RATE),
                cnnData));
    for (Other o : others) {
      train(o.build().get(), o.on(), Listening.TRACKER_PLAIN, 1);
      double[] direct = new double[reps];
      double[] seconds = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        Training t = train(o.build().get(), o.on(), Listening.TRACKER_PLAIN, epochs);
        direct[rep] = t.directSeconds() / t.seconds();
        seconds[rep] = t.seconds() / epochs;
      }
      report.row(
          new Row(
              OTHER_SECTION,
              o.label() + ", with the tracker",
              "mean epoch time",
              "s",
              Stats.of(seconds)));
      report.ratio(
          Ratio.of(
              OTHER_SECTION,
              o.label() + ": the tracker's direct cost / training time",
              Stats.of(direct),
              Target.atMost(0.03)));
    }
  }

  /**
   * One measurement: the seconds a training took, the final close included, and the part of them
   * spent in the listener's callbacks and its close.
   */
  /**
   * A training's seconds, the listener's direct cost in seconds, and that cost by part (each
   * callback, the study's logging after each epoch, the final close).
   */
  private record Training(double seconds, double directSeconds, Map<String, Double> parts) {
    /**
     * The direct cost without the final close: the listener's callbacks and the study's epoch-end
     * logging.
     */
    double callbackSeconds() {
      return directSeconds - parts.getOrDefault(FINAL_CLOSE, 0.0);
    }
  }

  private static final String FINAL_CLOSE = "the final close";

  /** Trains a fresh network for {@code epochs} epochs with {@code listening}. */
  private Training train(Listening listening, int epochs) throws Exception {
    // DL4J's dropout draws from this thread's ND4J generator: seeded, every measurement trains
    // alike
    Nd4j.getRandom().setSeed(SEED);
    MultiLayerNetwork net = StudyModel.build(SEED, LEARNING_RATE);
    InitScheme.byName("he-normal").apply(net, InitContext.of(SEED));
    return train(net, data, listening, epochs);
  }

  /** Trains {@code net} (a MultiLayerNetwork or ComputationGraph) on {@code on}. */
  private Training train(Model net, FashionMnistSplits on, Listening listening, int epochs)
      throws Exception {
    Nd4j.getRandom().setSeed(SEED);
    FashionMnistIterator train = FashionMnistIterator.shuffled(on.train(), BATCH, SEED);
    try (Scratch scratch = Scratch.create("dltrack-bench-listeners")) {
      long t0 = System.nanoTime();
      Listening.Attached logging = listening.attach(net, inputs(epochs), scratch.path());
      long closing;
      long epochEnds = 0;
      try {
        for (int e = 0; e < epochs; e++) {
          if (net instanceof ComputationGraph graph) {
            graph.fit(train);
          } else {
            ((MultiLayerNetwork) net).fit(train);
          }
          long e0 = System.nanoTime();
          logging.epochEnd().run();
          epochEnds += System.nanoTime() - e0;
        }
      } finally {
        long c0 = System.nanoTime();
        logging.output().close();
        closing = System.nanoTime() - c0;
      }
      Map<String, Double> parts = new TreeMap<>();
      if (logging.timed() != null) {
        logging.timed().nanosByCallback().forEach((k, v) -> parts.put(k, v / 1e9));
      }
      parts.put("the study's logging after each epoch", epochEnds / 1e9);
      parts.put(FINAL_CLOSE, closing / 1e9);
      return new Training(
          (System.nanoTime() - t0) / 1e9,
          (logging.callbackNanos() + epochEnds + closing) / 1e9,
          parts);
    }
  }
}
