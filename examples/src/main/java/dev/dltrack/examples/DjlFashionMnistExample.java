package dev.dltrack.examples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.djl.TrackingListener;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.study.StudyModel;
import dev.dltrack.trainer.study.StudyRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The study's MLP (784 → 256 ReLU → dropout 0.2 → 128 ReLU → dropout 0.2 → 10, He-normal weights,
 * zero biases, Adam 1e-3, batches of 128) trained on FashionMNIST with DJL on PyTorch, logged as
 * run {@code djl-he-normal} into the same log root as the DL4J sweep, so that TensorBoard overlays
 * a DL4J run and a PyTorch run of the same scheme.
 *
 * <p>Arguments: {@code [logRoot [trainImages [epochs]]]}; defaults {@code logs}, all 50,000, 10.
 */
public final class DjlFashionMnistExample {
  static final String RUN = "djl-he-normal";
  static final int BATCH = 128;
  static final float LEARNING_RATE = 1e-3f;
  static final long SEED = 1;

  private DjlFashionMnistExample() {}

  public static void main(String[] args) throws Exception {
    Path logRoot = Path.of(args.length > 0 ? args[0] : "logs");
    int trainSize = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;

    FashionMnistData all = FashionMnistLoader.standard().load();
    FashionMnistSplits data = FashionMnistSplits.split(all, FashionMnistSplits.DEFAULT_SEED);
    data =
        data.limit(
            Math.min(trainSize, data.train().size()),
            Math.min(trainSize / 5 + 1, data.validation().size()),
            data.test().size());

    Engine.getEngine("PyTorch").setRandomSeed((int) SEED);
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            // He normal: N(0, 2 / fan_in) for weights; biases keep DJL's zeros
            .optInitializer(
                new XavierInitializer(
                    XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                p -> p.getType() == Parameter.Type.WEIGHT)
            .optOptimizer(
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
            .addEvaluator(new Accuracy());

    Map<String, Object> hparams = new LinkedHashMap<>();
    hparams.put("scheme", "he-normal");
    hparams.put("seed", SEED);
    hparams.put("lr", (double) LEARNING_RATE);
    hparams.put("batch", BATCH);
    hparams.put("epochs", epochs);
    hparams.put("model", StudyModel.DESCRIPTION);
    hparams.put(
        "framework",
        "DJL " + Engine.getDjlVersion() + " / " + Engine.getInstance().getEngineName());
    hparams.putAll(TrackingListener.hparams(config));

    LabeledImages probe = data.validation().first(Math.min(256, data.validation().size()));
    LabeledImages embedded =
        data.test().first(Math.min(StudyRun.EMBEDDING_SIZE, data.test().size()));
    int finalEpochs = epochs;
    FashionMnistSplits splits = data;
    Run.builder(RUN)
        .logRoot(logRoot)
        .config(hparams)
        .track(
            run -> {
              // attach the listener: these lines are what docs/djl.md shows
              config.addTrainingListeners(
                  TrackingListener.builder(run)
                      .probe(pixels(probe), new Shape(probe.size(), LabeledImages.PIXELS))
                      .weightImages(LabeledImages.SIDE, LabeledImages.SIDE, StudyRun.WEIGHT_TILES)
                      .embedding(
                          pixels(embedded),
                          new Shape(embedded.size(), LabeledImages.PIXELS),
                          StudyRun.classNames(embedded),
                          StudyRun.sprites(embedded))
                      .embeddingEvery(finalEpochs)
                      .build());
              try (Model model = Model.newInstance("study-mlp");
                  NDManager manager = NDManager.newBaseManager()) {
                model.setBlock(mlp());
                try (Trainer trainer = model.newTrainer(config)) {
                  trainer.initialize(new Shape(BATCH, LabeledImages.PIXELS));
                  EasyTrain.fit(
                      trainer,
                      finalEpochs,
                      dataset(manager, splits.train(), true),
                      dataset(manager, splits.validation(), false));
                }
              }
            });
  }

  /** The study's network in DJL blocks. */
  static SequentialBlock mlp() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate((float) StudyModel.DROPOUT).build())
        .add(Linear.builder().setUnits(128).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate((float) StudyModel.DROPOUT).build())
        .add(Linear.builder().setUnits(LabeledImages.CLASSES).build());
  }

  static float[] pixels(LabeledImages images) {
    float[] x = new float[images.size() * LabeledImages.PIXELS];
    for (int i = 0; i < images.size(); i++) {
      for (int p = 0; p < LabeledImages.PIXELS; p++) {
        x[i * LabeledImages.PIXELS + p] = images.pixel(i, p);
      }
    }
    return x;
  }

  private static ArrayDataset dataset(NDManager manager, LabeledImages images, boolean shuffle) {
    float[] labels = new float[images.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = images.label(i);
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(pixels(images), new Shape(images.size(), LabeledImages.PIXELS)))
        .optLabels(manager.create(labels))
        .setSampling(BATCH, shuffle)
        .build();
  }
}
