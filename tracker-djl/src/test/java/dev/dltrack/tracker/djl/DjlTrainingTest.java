package dev.dltrack.tracker.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.instrument.NonFiniteLossException;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the listener logs of a small MLP trained on PyTorch, read back from the run's files. */
class DjlTrainingTest {
  static final int N = 96;
  static final int BATCH = 16; // 6 batches per epoch
  static final int EPOCHS = 3;

  @TempDir Path root;

  private static List<Long> steps(RunLog log, String tag) {
    return log.scalars(tag).stream().map(ScalarPoint::step).toList();
  }

  static TrackingListener.Builder everything(Run run) {
    float[][] probe = Mlp.data(32, 99);
    float[][] embedded = Mlp.data(9, 98);
    List<String> labels = new java.util.ArrayList<>();
    for (float y : embedded[1]) {
      labels.add("class " + (int) y);
    }
    return TrackingListener.builder(run)
        .updateRatioEvery(4)
        .probe(probe[0], new Shape(32, Mlp.INPUTS))
        .weightImages(4, 4, 12)
        .embedding(embedded[0], new Shape(9, Mlp.INPUTS), labels, List.of());
  }

  /** EasyTrain.fit for {@link #EPOCHS} epochs with validation, into run {@code name}. */
  private RunLog fitWithEasyTrain(String name) throws Exception {
    return fitWithEasyTrain(root, name);
  }

  static RunLog fitWithEasyTrain(Path root, String name) throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    try (Run run = Run.builder(name).logRoot(root).config(TrackingListener.hparams(config)).open();
        Model model = Mlp.model();
        NDManager m = NDManager.newBaseManager()) {
      config.addTrainingListeners(everything(run).build());
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, BATCH);
        ArrayDataset train = Mlp.dataset(m, N, BATCH, 1);
        ArrayDataset val = Mlp.dataset(m, 48, BATCH, 2);
        EasyTrain.fit(trainer, EPOCHS, train, val);
      }
    }
    return LogRoot.read(root).run(name).orElseThrow();
  }

  @Test
  void easyTrainLogsTheDl4jListenersTagsAtTheSameSteps() throws Exception {
    RunLog log = fitWithEasyTrain("djl");

    assertThat(steps(log, "train/batch_loss")).hasSize(EPOCHS * 6).startsWith(0L, 1L).endsWith(17L);
    assertThat(steps(log, "train/loss")).containsExactly(6L, 12L, 18L);
    assertThat(log.scalars("epoch")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0, 3.0);
    assertThat(steps(log, "train/accuracy")).containsExactly(6L, 12L, 18L);
    assertThat(steps(log, "val/loss")).containsExactly(6L, 12L, 18L);
    assertThat(steps(log, "val/accuracy")).containsExactly(6L, 12L, 18L);
    // separable blobs: it learns
    assertThat(log.scalars("train/loss").get(2).value())
        .isLessThan(log.scalars("train/loss").get(0).value());
    assertThat(log.scalars("val/accuracy").get(2).value()).isGreaterThan(0.8);
    // the epoch's loss is the mean of its batch losses (equal batches)
    double mean =
        log.scalars("train/batch_loss").subList(0, 6).stream()
            .mapToDouble(ScalarPoint::value)
            .average()
            .orElseThrow();
    assertThat(log.scalars("train/loss").get(0).value())
        .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6));

    for (String p :
        List.of("01Linear/weight", "01Linear/bias", "03Linear/weight", "05Linear/bias")) {
      assertThat(log.histograms(p))
          .extracting(HistogramPoint::step)
          .containsExactly(0L, 6L, 12L, 18L);
      String grad = p.replace("/", "/grad/");
      assertThat(log.histograms(grad))
          .extracting(HistogramPoint::step)
          .containsExactly(0L, 6L, 12L, 18L);
      // the epoch-end gradient is the last batch's, not a cleared one
      assertThat(log.histograms(grad).get(1).histogram().max())
          .isGreaterThan(log.histograms(grad).get(1).histogram().min());
      // first batch of each epoch and every 4
      assertThat(steps(log, p.replace("/", "/update_ratio/")))
          .containsExactly(0L, 4L, 6L, 8L, 12L, 16L);
    }
    assertThat(log.scalars("01Linear/update_ratio/weight"))
        .allSatisfy(r -> assertThat(r.value()).isBetween(1e-5, 1.0));

    for (String block :
        List.of("01Linear", "02LambdaBlock", "03Linear", "04LambdaBlock", "05Linear")) {
      assertThat(steps(log, block + "/activation/mean"))
          .as(block)
          .containsExactly(0L, 6L, 12L, 18L);
      assertThat(steps(log, block + "/activation/std")).as(block).containsExactly(0L, 6L, 12L, 18L);
    }
    assertThat(steps(log, "02LambdaBlock/dead_relu_fraction")).containsExactly(0L, 6L, 12L, 18L);
    assertThat(log.scalars("02LambdaBlock/dead_relu_fraction"))
        .allSatisfy(f -> assertThat(f.value()).isBetween(0.0, 1.0));
    assertThat(log.scalars("02LambdaBlock/activation/mean"))
        .allSatisfy(f -> assertThat(f.value()).isPositive());
    assertThat(log.scalars()).doesNotContainKey("01Linear/dead_relu_fraction");

    assertThat(log.images("01Linear/weight/tiles")).hasSize(4);
    assertThat(log.images("01Linear/weight/tiles").get(0).image().width())
        .isGreaterThanOrEqualTo(4 * 4);
    assertThat(log.embeddings("04LambdaBlock/activations")).hasSize(4);

    assertThat(log.scalars("parameters").get(0).value())
        .isEqualTo(16 * 12 + 12 + 12 * 8 + 8 + 8 * 3 + 3);
    assertThat(log.scalars("batch_size").get(0).value()).isEqualTo(BATCH);
    assertThat(log.session().orElseThrow().hparams())
        .containsEntry("optimizer", "Adam")
        .containsEntry("loss", "SoftmaxCrossEntropyLoss")
        .containsEntry("evaluators", "Accuracy")
        .containsKey("devices");
    assertThat(((Number) log.session().orElseThrow().hparams().get("learning_rate")).doubleValue())
        .isCloseTo(1e-2, org.assertj.core.data.Offset.offset(1e-7));
  }

  /** {@code trainBatch} and {@code step} per batch, {@code onEpoch} per epoch, metrics null. */
  @Test
  void aLoopOfTheUsersOwnWithoutMetricsLogsTheSameTags() throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    try (Run run = Run.builder("loop").logRoot(root).open();
        Model model = Mlp.model();
        NDManager m = NDManager.newBaseManager()) {
      config.addTrainingListeners(everything(run).build());
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, BATCH);
        assertThat(trainer.getMetrics()).isNull();
        ArrayDataset train = Mlp.dataset(m, N, BATCH, 1);
        for (int epoch = 0; epoch < 2; epoch++) {
          for (Batch batch : trainer.iterateDataset(train)) {
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
            batch.close();
          }
          trainer.notifyListeners(l -> l.onEpoch(trainer));
        }
      }
    }
    RunLog log = LogRoot.read(root).run("loop").orElseThrow();
    assertThat(steps(log, "train/batch_loss")).hasSize(12);
    assertThat(steps(log, "train/loss")).containsExactly(6L, 12L);
    assertThat(steps(log, "train/accuracy")).containsExactly(6L, 12L);
    assertThat(log.scalars()).doesNotContainKey("val/loss");
    assertThat(log.histograms("01Linear/grad/weight"))
        .extracting(HistogramPoint::step)
        .containsExactly(0L, 6L, 12L);
    assertThat(steps(log, "01Linear/update_ratio/weight")).containsExactly(0L, 4L, 6L, 8L);
  }

  @Test
  void aNanLossStopsTrainingAndTheRunEndsAsAFailure() throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e30f); // diverges at once
    assertThatThrownBy(
            () ->
                Run.builder("nan")
                    .logRoot(root)
                    .track(
                        run -> {
                          try (Model model = Mlp.model();
                              NDManager m = NDManager.newBaseManager()) {
                            config.addTrainingListeners(TrackingListener.builder(run).build());
                            try (Trainer trainer = model.newTrainer(config)) {
                              Mlp.initialize(trainer, BATCH);
                              EasyTrain.fit(trainer, 50, Mlp.dataset(m, N, BATCH, 1), null);
                            }
                          }
                        }))
        .isInstanceOf(NonFiniteLossException.class)
        .hasMessageContaining("training loss became");

    RunLog log = LogRoot.read(root).run("nan").orElseThrow();
    List<ScalarPoint> losses = log.scalars("train/batch_loss");
    assertThat(losses.get(losses.size() - 1).value()).isNaN();
    assertThat(losses.subList(0, losses.size() - 1))
        .allSatisfy(l -> assertThat(l.value()).isFinite());
    assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.FAILURE);
    assertThat(log.texts("failure").get(0).markdown()).contains("NonFiniteLossException");
  }

  @Test
  void whatTrainingThrowsEndsTheRunAsAFailureWithTheException() throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    assertThatThrownBy(
            () ->
                Run.builder("throws")
                    .logRoot(root)
                    .track(
                        run -> {
                          try (Model model = Mlp.model();
                              NDManager m = NDManager.newBaseManager()) {
                            config.addTrainingListeners(TrackingListener.builder(run).build());
                            try (Trainer trainer = model.newTrainer(config)) {
                              Mlp.initialize(trainer, BATCH);
                              // inputs of the wrong width: the first forward pass throws
                              float[] wrong = new float[BATCH * 5];
                              ArrayDataset bad =
                                  new ArrayDataset.Builder()
                                      .setData(m.create(wrong, new Shape(BATCH, 5)))
                                      .optLabels(m.zeros(new Shape(BATCH)))
                                      .setSampling(BATCH, false)
                                      .build();
                              EasyTrain.fit(trainer, 1, bad, null);
                            }
                          }
                        }))
        .isNotNull();
    RunLog log = LogRoot.read(root).run("throws").orElseThrow();
    assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.FAILURE);
    assertThat(log.texts("failure")).isNotEmpty();
  }

  @Test
  void withoutOptionsOnlyLossesHistogramsAndRatiosAreLogged() throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    try (Run run = Run.builder("plain").logRoot(root).open();
        Model model = Mlp.model();
        NDManager m = NDManager.newBaseManager()) {
      config.addTrainingListeners(TrackingListener.builder(run).histograms(false).build());
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, BATCH);
        EasyTrain.fit(trainer, 1, Mlp.dataset(m, N, BATCH, 1), null);
      }
    }
    RunLog log = LogRoot.read(root).run("plain").orElseThrow();
    assertThat(log.histograms()).isEmpty();
    assertThat(log.images()).isEmpty();
    assertThat(log.embeddings()).isEmpty();
    assertThat(log.scalars().keySet()).allSatisfy(t -> assertThat(t).doesNotContain("activation"));
    assertThat(steps(log, "01Linear/update_ratio/weight")).containsExactly(0L);
    assertThat(steps(log, "train/loss")).containsExactly(6L);
    assertThat(Collections.frequency(List.copyOf(log.scalars().keySet()), "train/accuracy"))
        .isEqualTo(1);
  }

  @Test
  void hparamsNameTheOptimizerLossAndDevices() {
    Map<String, Object> h = TrackingListener.hparams(Mlp.config(3e-3f));
    assertThat(h)
        .containsEntry("optimizer", "Adam")
        .containsEntry("loss", "SoftmaxCrossEntropyLoss");
    assertThat((Double) h.get("learning_rate"))
        .isCloseTo(3e-3, org.assertj.core.data.Offset.offset(1e-9));
  }

  /**
   * A model that is not a SequentialBlock, with a loss and no evaluator that the listener computes
   * with DJL's own ops: parameters are logged; probe, tiles and embedding have nothing to draw. (A
   * regression: DJL's first step refuses gradients that sum to 0, as a lone softmax layer's do.)
   */
  @Test
  void aBlockOtherThanSequentialWithAnyLossLogsItsParametersAndLoss() throws Exception {
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(ai.djl.training.loss.Loss.l2Loss())
            .optOptimizer(
                ai.djl.training.optimizer.Optimizer.sgd()
                    .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(1e-2f))
                    .build());
    try (Run run = Run.builder("linear").logRoot(root).open();
        Model model = Model.newInstance("linear");
        NDManager m = NDManager.newBaseManager()) {
      model.setBlock(ai.djl.nn.core.Linear.builder().setUnits(1).build());
      config.addTrainingListeners(everything(run).build());
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, BATCH);
        EasyTrain.fit(trainer, 1, Mlp.dataset(m, N, BATCH, 1), Mlp.dataset(m, 48, BATCH, 2));
      }
    }
    RunLog log = LogRoot.read(root).run("linear").orElseThrow();
    assertThat(log.histograms("Linear/weight")).hasSize(2);
    assertThat(log.histograms("Linear/grad/bias")).hasSize(2);
    assertThat(steps(log, "Linear/update_ratio/weight")).containsExactly(0L, 4L);
    assertThat(steps(log, "train/batch_loss")).hasSize(6);
    assertThat(steps(log, "train/loss")).containsExactly(6L);
    assertThat(steps(log, "val/loss")).containsExactly(6L);
    assertThat(log.scalars().keySet())
        .noneMatch(t -> t.contains("accuracy") || t.contains("activation"));
    assertThat(log.images()).isEmpty();
    assertThat(log.embeddings()).isEmpty();
  }
}
