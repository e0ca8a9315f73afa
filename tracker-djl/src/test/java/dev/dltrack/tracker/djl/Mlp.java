package dev.dltrack.tracker.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/** A small MLP on separable synthetic classes: what the tests train. */
final class Mlp {
  static final int INPUTS = 16;
  static final int CLASSES = 3;

  private Mlp() {}

  static Model model() {
    Engine.getEngine("PyTorch").setRandomSeed(7);
    Model model = Model.newInstance("mlp");
    model.setBlock(
        new SequentialBlock()
            .add(Linear.builder().setUnits(12).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(8).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(CLASSES).build()));
    return model;
  }

  static DefaultTrainingConfig config(float learningRate) {
    return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optInitializer(new NormalInitializer(0.1f), p -> true)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
        .addEvaluator(new Accuracy());
  }

  /** {@code n} examples of {@link #CLASSES} classes, each a shifted Gaussian blob; seeded. */
  static float[][] data(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * INPUTS];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      y[i] = c;
      for (int j = 0; j < INPUTS; j++) {
        x[i * INPUTS + j] = (float) r.nextGaussian() + (j % CLASSES == c ? 2f : 0f);
      }
    }
    return new float[][] {x, y};
  }

  static ArrayDataset dataset(NDManager m, int n, int batch, long seed) {
    float[][] d = data(n, seed);
    return new ArrayDataset.Builder()
        .setData(m.create(d[0], new Shape(n, INPUTS)))
        .optLabels(m.create(d[1], new Shape(n)).toType(DataType.INT64, false))
        .setSampling(batch, false)
        .build();
  }

  static void initialize(Trainer trainer, int batch) {
    trainer.initialize(new Shape(batch, INPUTS));
  }
}
