package dev.dltrack.trainer.study;

import ai.djl.Model;
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
import ai.djl.translate.TranslateException;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import java.io.IOException;

/**
 * The study's network ({@link StudyModel}) in DJL, for the DJL example and the DJL listener's
 * benchmark: 784 → Linear 256 ReLU → Dropout 0.2 → Linear 128 ReLU → Dropout 0.2 → Linear 10, He
 * normal weights, zero biases, softmax cross-entropy, Adam, accuracy; and FashionMNIST images as
 * DJL data.
 *
 * <p>The study itself trains with DL4J and does not need DJL: {@code ai.djl:api} is an optional
 * dependency of this module, so a user of this class (one that trains with DJL anyway) brings it
 * along with an engine.
 */
public final class DjlStudyModel {
  private DjlStudyModel() {}

  /**
   * The network as DJL blocks; DJL infers the input width (784) at {@code trainer.initialize}.
   *
   * @return a new, uninitialized block
   */
  public static SequentialBlock block() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate((float) StudyModel.DROPOUT).build())
        .add(Linear.builder().setUnits(128).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate((float) StudyModel.DROPOUT).build())
        .add(Linear.builder().setUnits(LabeledImages.CLASSES).build());
  }

  /**
   * How the study trains it: softmax cross-entropy, He normal ({@code N(0, 2 / fan_in)}) weights
   * and DJL's zero biases, Adam at a fixed learning rate, accuracy evaluated.
   *
   * @param learningRate Adam's learning rate
   * @return a new configuration, to which listeners may still be added
   */
  public static DefaultTrainingConfig trainingConfig(float learningRate) {
    return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optInitializer(
            new XavierInitializer(
                XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
            p -> p.getType() == Parameter.Type.WEIGHT)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
        .addEvaluator(new Accuracy());
  }

  /**
   * The images' pixels in [0, 1], row-major, {@link LabeledImages#PIXELS} per image.
   *
   * @param images the images
   * @return a new array of {@code images.size() * PIXELS} values
   */
  public static float[] pixels(LabeledImages images) {
    float[] x = new float[images.size() * LabeledImages.PIXELS];
    for (int i = 0; i < images.size(); i++) {
      for (int p = 0; p < LabeledImages.PIXELS; p++) {
        x[i * LabeledImages.PIXELS + p] = images.pixel(i, p);
      }
    }
    return x;
  }

  /**
   * The images and their labels as a DJL dataset of {@code batch}-sized batches.
   *
   * @param manager the manager that owns the dataset's arrays
   * @param images the images
   * @param batch the batch size
   * @param shuffle whether each epoch visits the images in a new random order
   * @return the dataset
   */
  public static ArrayDataset dataset(
      NDManager manager, LabeledImages images, int batch, boolean shuffle) {
    float[] labels = new float[images.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = images.label(i);
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(pixels(images), new Shape(images.size(), LabeledImages.PIXELS)))
        .optLabels(manager.create(labels))
        .setSampling(batch, shuffle)
        .build();
  }

  /**
   * Trains a new network with {@code config}: {@code epochs} epochs over {@code data}'s training
   * images in batches of {@code batch}, validated on its validation images after each.
   *
   * @param config the training configuration, its listeners added
   * @param data the split images
   * @param epochs how many epochs
   * @param batch the batch size
   * @throws IOException if DJL's training fails
   * @throws TranslateException if DJL's training fails
   */
  public static void fit(
      DefaultTrainingConfig config, FashionMnistSplits data, int epochs, int batch)
      throws IOException, TranslateException {
    try (Model model = Model.newInstance("study-mlp");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(block());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batch, LabeledImages.PIXELS));
        EasyTrain.fit(
            trainer,
            epochs,
            dataset(manager, data.train(), batch, true),
            dataset(manager, data.validation(), batch, false));
      }
    }
  }
}
