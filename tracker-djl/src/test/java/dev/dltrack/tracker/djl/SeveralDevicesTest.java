package dev.dltrack.tracker.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch data per device, as {@code EasyTrain.trainBatch} hands it over with several devices: the
 * batch is split, each split's loss and predictions come under its device. (One CPU here: the two
 * "devices" are two keys, which is all the listener sees of them.)
 */
class SeveralDevicesTest {
  @TempDir Path root;

  @Test
  void theBatchLossWeighsEachDevicesSplitByItsSize() throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    double[] expected = new double[2];
    try (Run run = Run.builder("devices").logRoot(root).open();
        Model model = Mlp.model();
        NDManager m = NDManager.newBaseManager()) {
      config.addTrainingListeners(TrackingListener.builder(run).build());
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, 16);
        int i = 0;
        for (Batch batch : trainer.iterateDataset(Mlp.dataset(m, 32, 16, 1))) {
          // 10 and 6 examples, as uneven as a split can be
          NDList x = batch.getData();
          NDList y = batch.getLabels();
          Map<Device, NDList> labels = new LinkedHashMap<>();
          Map<Device, NDList> predictions = new LinkedHashMap<>();
          List<Device> devices =
              List.of(
                  Device.gpu(0), Device.gpu(1)); // keys only: DJL takes every CPU id for one device
          String[] ranges = {"0:10", "10:16"};
          double sum = 0;
          try (GradientCollector collector = trainer.newGradientCollector()) {
            for (int d = 0; d < 2; d++) {
              NDList xs = new NDList(x.head().get(ranges[d]));
              NDList ys = new NDList(y.head().get(ranges[d]));
              NDList ps = trainer.forward(xs, ys);
              NDArray loss = trainer.getLoss().evaluate(ys, ps);
              sum += loss.getFloat() * ys.head().getShape().get(0);
              collector.backward(loss);
              labels.put(devices.get(d), ys);
              predictions.put(devices.get(d), ps);
            }
          }
          expected[i++] = sum / 16;
          BatchData data = new BatchData(batch, labels, predictions);
          trainer.notifyListeners(l -> l.onTrainingBatch(trainer, data));
          trainer.step();
          batch.close();
        }
        trainer.notifyListeners(l -> l.onEpoch(trainer));
      }
    }
    RunLog log = LogRoot.read(root).run("devices").orElseThrow();
    assertThat(log.scalars("train/batch_loss")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(log.scalars("train/batch_loss").get(i).value())
          .isCloseTo(expected[i], within(1e-6));
    }
    assertThat(log.scalars("train/accuracy")).hasSize(1);
    assertThat(log.scalars("batch_size").get(0).value()).isEqualTo(16);
  }
}
