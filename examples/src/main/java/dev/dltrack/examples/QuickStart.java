package dev.dltrack.examples;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tracker from a plain Java loop, no ML framework: a made-up "training" of two learning rates
 * logs scalars, weight histograms, a text and hparams. Afterwards: {@code tensorboard --logdir
 * logs} (or {@code ./dltrack show logs}).
 *
 * <p>Run it: {@code mvn -q -pl examples -am package -DskipTests && java -cp ... QuickStart
 * [logRoot]}.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    Path logRoot = Path.of(args.length > 0 ? args[0] : "logs");
    Experiment experiment =
        Experiment.builder()
            .hparam("lr", 1e-4, 1e-1)
            .metric("val/accuracy", "validation accuracy", Experiment.Dataset.VALIDATION)
            .build();
    for (double lr : List.of(0.01, 0.001)) {
      try (Run run =
          Run.builder("quickstart-lr" + lr)
              .logRoot(logRoot)
              .config(Map.of("lr", lr, "optimizer", "sgd", "seed", 1))
              .experiment(experiment)
              .open()) {
        SplittableRandom random = new SplittableRandom(1);
        float[] weights = new float[10_000];
        for (long step = 0; step <= 1_000; step++) {
          double loss = Math.exp(-lr * 300 * step / 1000.0) + 0.05 * random.nextDouble();
          run.scalar("train/loss", step, loss);
          if (step % 100 == 0) {
            for (int i = 0; i < weights.length; i++) {
              weights[i] = (float) (random.nextGaussian() * (1 + step / 500.0));
            }
            run.histogram("layer0/W", step, weights);
            run.scalar("val/accuracy", step, 1 - loss / 2);
          }
        }
        run.text("notes", 0, "A *made-up* run with lr = " + lr);
        run.summary("final_loss", 0.05);
      }
    }
    System.out.println(
        "wrote 2 runs to " + logRoot.toAbsolutePath() + "; view: tensorboard --logdir " + logRoot);
  }
}
