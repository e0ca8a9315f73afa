package dev.dltrack.compare.testing;

import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes logs shaped like the initialization study's, through the tracker's {@link Run} API: the
 * same tags, steps and hparams as the trainer, with made-up, seeded values.
 */
public final class StudyLogs {
  /** The study's twelve initialization schemes. */
  public static final List<String> SCHEMES =
      List.of(
          "zeros",
          "ones",
          "uniform",
          "uniform-rule",
          "normal-rule",
          "default",
          "xavier-normal",
          "he-normal",
          "he-uniform",
          "lecun-normal",
          "orthogonal",
          "lsuv");

  /** The trainer's iterations per epoch (60000 training examples at batch 128, less the rest). */
  public static final int ITERATIONS_PER_EPOCH = 390;

  /** Dense layers of the study's MLP. */
  public static final int LAYERS = 3;

  private StudyLogs() {}

  /**
   * How big a run is.
   *
   * @param epochs epochs trained; the run logs epoch tags after each and histograms at step 0 too
   * @param batchLoss whether to log {@code train/batch_loss} at every iteration
   * @param histogramValues how many weights each layer histogram is computed from; 0 for none
   */
  public record Shape(int epochs, boolean batchLoss, int histogramValues) {
    /** The full study: ten epochs, every iteration's loss, histograms of every layer. */
    public static final Shape FULL = new Shape(10, true, 2_000);

    /** Epoch tags only, three epochs: for tables. */
    public static final Shape SMALL = new Shape(3, false, 0);
  }

  /**
   * Writes run {@code <scheme>-s<seed>} under {@code root}, group {@code scheme}, whose accuracy
   * approaches {@code quality}; {@code fail} ends it as a failure half way.
   */
  public static void write(
      Path root, String scheme, int seed, Shape shape, double quality, boolean fail)
      throws IOException {
    write(root, scheme, seed, shape, quality, quality - 0.01, fail);
  }

  /**
   * Writes run {@code <scheme>-s<seed>} as {@link #write(Path, String, int, Shape, double,
   * boolean)} does, with test accuracy {@code testAccuracy}.
   */
  public static void write(
      Path root,
      String scheme,
      int seed,
      Shape shape,
      double quality,
      double testAccuracy,
      boolean fail)
      throws IOException {
    Random random = new Random(seed * 31L + scheme.hashCode());
    Run run =
        Run.builder(scheme + "-s" + seed)
            .logRoot(root)
            .formats("tensorboard")
            .config(
                Map.of(
                    "scheme",
                    scheme,
                    "seed",
                    seed,
                    "lr",
                    1e-3,
                    "batch",
                    128,
                    "epochs",
                    shape.epochs(),
                    "model",
                    "mlp-784-256-128-10"))
            .group(scheme)
            .open();
    double scale = 0.05 + 0.01 * (scheme.length() % 5);
    histograms(run, 0, shape, scale, random);
    int epochs = fail ? Math.max(1, shape.epochs() / 2) : shape.epochs();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long end = (long) epoch * ITERATIONS_PER_EPOCH;
      double progress = 1 - Math.exp(-epoch / 2.0);
      if (shape.batchLoss()) {
        for (long step = end - ITERATIONS_PER_EPOCH + 1; step <= end; step++) {
          double t = step / (double) ITERATIONS_PER_EPOCH;
          run.scalar("train/batch_loss", step, 2.3 * Math.exp(-t / 3) + 0.1 * random.nextDouble());
        }
      }
      double val = quality * progress + 0.005 * random.nextGaussian();
      run.scalar("train/loss", end, 2.3 * (1 - progress) + 0.2);
      run.scalar("train/accuracy", end, Math.min(1, val + 0.02));
      run.scalar("val/loss", end, 2.3 * (1 - progress) + 0.3);
      run.scalar("val/accuracy", end, val);
      run.scalar("epoch", end, epoch);
      histograms(run, end, shape, scale * (1 + 0.05 * epoch), random);
    }
    if (fail) {
      run.fail("loss became NaN at epoch " + (epochs + 1));
      return;
    }
    run.scalar(
        "test/loss",
        shape.epochs() * (long) ITERATIONS_PER_EPOCH,
        0.4 + 0.01 * random.nextGaussian());
    run.scalar("test/accuracy", shape.epochs() * (long) ITERATIONS_PER_EPOCH, testAccuracy);
    run.close();
  }

  /** The full study with one seed per scheme: twelve runs of {@link Shape#FULL}. */
  public static void writeFullSweep(Path root) throws IOException {
    for (int i = 0; i < SCHEMES.size(); i++) {
      write(root, SCHEMES.get(i), 1, Shape.FULL, 0.80 + 0.008 * i, false);
    }
  }

  /**
   * Roughly the accuracy each scheme reaches in the study (its README's one-seed results): the
   * constants and U[0, 1] far behind, the scale-aware schemes within a point of each other.
   */
  public static final List<Double> STUDY_QUALITIES =
      List.of(0.100, 0.215, 0.682, 0.888, 0.893, 0.890, 0.892, 0.894, 0.889, 0.893, 0.888, 0.892);

  /**
   * The study with {@code seeds} seeds of every scheme, runs {@code <scheme>-s<seed>} of {@code
   * shape}: scheme i reaches about {@link #STUDY_QUALITIES}{@code [i]}, moved by an effect of the
   * seed that every scheme shares (seed s gives every scheme the same data order) plus noise of the
   * run's own, in validation and test accuracy alike.
   */
  public static void writeSeededSweep(Path root, int seeds, Shape shape) throws IOException {
    for (int i = 0; i < SCHEMES.size(); i++) {
      for (int seed = 1; seed <= seeds; seed++) {
        Random own = new Random(1000L * i + seed);
        double seedEffect = 0.003 * Math.sin(seed * 2.1);
        double quality = STUDY_QUALITIES.get(i) + seedEffect + 0.001 * own.nextGaussian();
        double test = quality - 0.008 + seedEffect + 0.002 * own.nextGaussian();
        write(root, SCHEMES.get(i), seed, shape, quality, test, false);
      }
    }
  }

  private static void histograms(Run run, long step, Shape shape, double scale, Random random) {
    for (int layer = 0; layer < LAYERS; layer++) {
      String l = "layer" + layer;
      run.scalar(l + "/update_ratio/W", step, 1e-3 * (1 + random.nextDouble()));
      run.scalar(l + "/activation/mean", step, 0.3 + 0.05 * random.nextGaussian());
      run.scalar(l + "/activation/std", step, 0.5 + 0.05 * random.nextGaussian());
      run.scalar(l + "/dead_relu_fraction", step, 0.1 * random.nextDouble());
      if (shape.histogramValues() > 0) {
        run.histogram(l + "/W", step, gaussian(shape.histogramValues(), scale, random));
        run.histogram(l + "/b", step, gaussian(shape.histogramValues() / 8, scale / 10, random));
        run.histogram(l + "/grad/W", step, gaussian(shape.histogramValues(), 1e-3, random));
        run.histogram(l + "/grad/b", step, gaussian(shape.histogramValues() / 8, 1e-4, random));
      }
    }
  }

  private static float[] gaussian(int n, double sd, Random random) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (sd * random.nextGaussian());
    }
    return values;
  }
}
