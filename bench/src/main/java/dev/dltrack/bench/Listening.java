package dev.dltrack.bench;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.TrackingListener;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The training configurations {@link ListenerOverhead} compares: what listens to training. */
enum Listening {
  NONE("no listener") {
    @Override
    Attached attach(Model net, INDArray probe, Path dir) {
      net.setListeners();
      return new Attached(null, () -> {});
    }
  },
  EMPTY("an empty listener: DL4J's own cost of having any listener") {
    @Override
    Attached attach(Model net, INDArray probe, Path dir) {
      return Attached.timing(net, new BaseTrainingListener() {}, () -> {});
    }
  },
  TRACKER("the tracker: TrackingListener with a probe batch, default formats, as StudyRun uses it") {
    @Override
    Attached attach(Model net, INDArray probe, Path dir) throws IOException {
      Run run = Run.builder("tracked").logRoot(dir).open();
      return Attached.timing(net, TrackingListener.builder(run).probe(probe).build(), run);
    }
  },
  DL4J_STATS("DL4J: StatsListener into a FileStatsStorage, default statistics") {
    @Override
    Attached attach(Model net, INDArray probe, Path dir) {
      StatsStorage storage = new FileStatsStorage(dir.resolve("stats.dl4j").toFile());
      return Attached.timing(net, new StatsListener(storage), storage::close);
    }
  };

  private final String label;

  Listening(String label) {
    this.label = label;
  }

  /**
   * Sets this configuration's listener on {@code net} (a MultiLayerNetwork or ComputationGraph), logging into {@code dir}, with its
   * callbacks timed.
   */
  abstract Attached attach(Model net, INDArray probe, Path dir) throws IOException;

  String label() {
    return label;
  }

  /**
   * What {@link #attach} set: the timed listener ({@code null} for none) and what closing writes
   * out and closes what it logged into.
   */
  record Attached(TimedListener timed, AutoCloseable output) {
    static Attached timing(Model net, TrainingListener listener, AutoCloseable output) {
      TimedListener timed = new TimedListener(listener);
      net.setListeners(timed);
      return new Attached(timed, output);
    }

    /** Nanoseconds the listener's callbacks took so far; 0 without one. */
    long callbackNanos() {
      return timed == null ? 0 : timed.nanos();
    }
  }
}
