package dev.dltrack.bench;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.TrackingListener;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The training configurations {@link ListenerOverhead} compares: what listens to training. */
enum Listening {
  NONE("no listener") {
    @Override
    AutoCloseable attach(MultiLayerNetwork net, INDArray probe, Path dir) {
      net.setListeners();
      return () -> {};
    }
  },
  EMPTY("an empty listener: DL4J's own cost of having any listener") {
    @Override
    AutoCloseable attach(MultiLayerNetwork net, INDArray probe, Path dir) {
      net.setListeners(new BaseTrainingListener() {});
      return () -> {};
    }
  },
  TRACKER("the tracker: TrackingListener with a probe batch, default formats, as StudyRun uses it") {
    @Override
    AutoCloseable attach(MultiLayerNetwork net, INDArray probe, Path dir) throws IOException {
      Run run = Run.builder("tracked").logRoot(dir).open();
      net.setListeners(TrackingListener.builder(run).probe(probe).build());
      return run;
    }
  },
  DL4J_STATS("DL4J: StatsListener into a FileStatsStorage, default statistics") {
    @Override
    AutoCloseable attach(MultiLayerNetwork net, INDArray probe, Path dir) {
      StatsStorage storage = new FileStatsStorage(dir.resolve("stats.dl4j").toFile());
      net.setListeners(new StatsListener(storage));
      return storage::close;
    }
  };

  private final String label;

  Listening(String label) {
    this.label = label;
  }

  /**
   * Sets this configuration's listeners on {@code net}, logging into {@code dir}; closing the
   * result writes out and closes what they log into.
   */
  abstract AutoCloseable attach(MultiLayerNetwork net, INDArray probe, Path dir) throws IOException;

  String label() {
    return label;
  }
}
