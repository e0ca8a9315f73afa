package dev.dltrack.bench;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.TrackingListener;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.study.StudyRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The training configurations {@link ListenerOverhead} compares: what listens to training. */
enum Listening {
  NONE("no listener") {
    @Override
    Attached attach(Model net, StudyInputs in, Path dir) {
      net.setListeners();
      return new Attached(null, () -> {}, () -> {});
    }
  },
  EMPTY("an empty listener: DL4J's own cost of having any listener") {
    @Override
    Attached attach(Model net, StudyInputs in, Path dir) {
      return Attached.timing(net, new BaseTrainingListener() {}, () -> {}, () -> {});
    }
  },
  TRACKER(
      "the tracker: TrackingListener with a probe batch, weight images and the embedding,"
          + " per-epoch validation PR curves, default formats, as StudyRun uses it") {
    @Override
    Attached attach(Model net, StudyInputs in, Path dir) throws IOException {
      Run run = Run.builder("tracked").logRoot(dir).open();
      run.layout(StudyRun.LAYOUT);
      TrackingListener listener =
          TrackingListener.builder(run)
              .probe(in.probe())
              .weightImages(LabeledImages.SIDE, LabeledImages.SIDE, StudyRun.WEIGHT_TILES)
              .embedding(in.embeddingInputs(), in.embeddingLabels(), in.embeddingSprites())
              .embeddingEvery(in.epochs())
              .iterationsPerEpoch(in.iterationsPerEpoch())
              .build();
      // the PR curves StudyRun logs after each epoch from its validation pass (the pass itself
      // is the study's, not the tracker's: its probabilities are computed once, up front)
      Runnable epochEnd =
          () ->
              run.prCurves(
                  "pr/val",
                  iterations(net),
                  in.validationLabels(),
                  in.validationProbabilities(),
                  StudyRun.CLASS_TAGS);
      return Attached.timing(net, listener, run, epochEnd);
    }
  },
  TRACKER_PLAIN(
      "the tracker: TrackingListener with a probe batch, default formats (for models"
          + " other than the study's, whose weights are no 28x28 tiles)") {
    @Override
    Attached attach(Model net, StudyInputs in, Path dir) throws IOException {
      Run run = Run.builder("tracked").logRoot(dir).open();
      return Attached.timing(
          net, TrackingListener.builder(run).probe(in.probe()).build(), run, () -> {});
    }
  },
  DL4J_STATS("DL4J: StatsListener into a FileStatsStorage, default statistics") {
    @Override
    Attached attach(Model net, StudyInputs in, Path dir) {
      StatsStorage storage = new FileStatsStorage(dir.resolve("stats.dl4j").toFile());
      return Attached.timing(net, new StatsListener(storage), storage::close, () -> {});
    }
  };

  private final String label;

  Listening(String label) {
    this.label = label;
  }

  /**
   * Sets this configuration's listener on {@code net} (a MultiLayerNetwork or ComputationGraph),
   * logging into {@code dir}, with its callbacks timed.
   */
  abstract Attached attach(Model net, StudyInputs in, Path dir) throws IOException;

  /**
   * What the study hands the tracker: the probe batch, the embedding's fixed test images with their
   * class names and sprites, the number of epochs (the embedding is logged before and after
   * training), and one validation pass's labels and class probabilities for the PR curves.
   */
  record StudyInputs(
      INDArray probe,
      INDArray embeddingInputs,
      List<String> embeddingLabels,
      List<ImageData> embeddingSprites,
      int epochs,
      int iterationsPerEpoch,
      int[] validationLabels,
      float[][] validationProbabilities) {}

  /** The updates applied so far to a MultiLayerNetwork or ComputationGraph. */
  static long iterations(Model net) {
    return net instanceof ComputationGraph g
        ? g.getIterationCount()
        : ((MultiLayerNetwork) net).getIterationCount();
  }

  String label() {
    return label;
  }

  /**
   * What {@link #attach} set: the timed listener ({@code null} for none), what closing writes out
   * and closes what it logged into, and what the training loop logs after each epoch.
   */
  record Attached(TimedListener timed, AutoCloseable output, Runnable epochEnd) {
    static Attached timing(
        Model net, TrainingListener listener, AutoCloseable output, Runnable epochEnd) {
      TimedListener timed = new TimedListener(listener);
      net.setListeners(timed);
      return new Attached(timed, output, epochEnd);
    }

    /** Nanoseconds the listener's callbacks took so far; 0 without one. */
    long callbackNanos() {
      return timed == null ? 0 : timed.nanos();
    }
  }
}
