package dev.dltrack.examples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.djl.TrackingListener;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.study.DjlStudyModel;
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
    // He normal weights, DJL's zero biases, Adam, accuracy: the study's training in DJL
    DefaultTrainingConfig config = DjlStudyModel.trainingConfig(LEARNING_RATE);

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
                      .probe(
                          DjlStudyModel.pixels(probe),
                          new Shape(probe.size(), LabeledImages.PIXELS))
                      .weightImages(LabeledImages.SIDE, LabeledImages.SIDE, StudyRun.WEIGHT_TILES)
                      .embedding(
                          DjlStudyModel.pixels(embedded),
                          new Shape(embedded.size(), LabeledImages.PIXELS),
                          StudyRun.classNames(embedded),
                          StudyRun.sprites(embedded))
                      .embeddingEvery(finalEpochs)
                      .build());
              DjlStudyModel.fit(config, splits, finalEpochs, BATCH);
            });
  }
}
