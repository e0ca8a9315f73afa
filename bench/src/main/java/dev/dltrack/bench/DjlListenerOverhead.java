package dev.dltrack.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.djl.TrackingListener;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.LabeledImages;
import dev.dltrack.trainer.study.DjlStudyModel;
import dev.dltrack.trainer.study.StudyRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The DJL listener's direct cost: the time its callbacks take on the training thread (and the run's
 * final close), against the training time of the study's MLP trained with DJL on PyTorch (CPU) with
 * {@code EasyTrain.fit}, validation included, with everything the study logs turned on (histograms,
 * update ratios every 50, the probe's activation statistics, weight images, the embedding with
 * sprites before and after training). As {@link ListenerOverhead}'s direct cost: a figure that the
 * noise of two loaded cores does not swamp.
 *
 * <pre>java -cp ... dev.dltrack.bench.DjlListenerOverhead [trainImages [epochs [reps]]]</pre>
 *
 * Defaults: 10,000 training images, 3 epochs, 3 repetitions.
 */
public final class DjlListenerOverhead {
  private static final int BATCH = 128;

  private DjlListenerOverhead() {}

  public static void main(String[] args) throws Exception {
    int trainSize = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    FashionMnistSplits data =
        FashionMnistSplits.split(
                FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED)
            .limit(trainSize, 2_000, 1_000);
    Path root = Files.createTempDirectory("djl-overhead");
    System.out.printf(
        Locale.ROOT,
        "DJL %s, %s; %d train images, %d epochs, batch %d, load average %.2f%n",
        Engine.getDjlVersion(),
        Engine.getInstance().getEngineName(),
        trainSize,
        epochs,
        BATCH,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    double[] ratios = new double[reps];
    for (int r = 0; r <= reps; r++) { // the first is a warm-up
      double ratio =
          measure(data, epochs, root, "full-r" + r, Variant.FULL, r == 0 ? "warm-up" : "rep " + r);
      if (r > 0) {
        ratios[r - 1] = ratio;
      }
    }
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "direct cost, median of %d: %.2f%% of DJL training time (load average now %.2f)%n",
        reps,
        100 * ratios[reps / 2],
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    // where it goes: the same training with parts of the listener turned off, once each
    for (Variant v : new Variant[] {Variant.NO_HISTOGRAMS, Variant.LOSS_AND_METRICS}) {
      measure(data, epochs, root, v.name().toLowerCase(Locale.ROOT), v, v.name());
    }
  }

  /** What the listener logs in a measurement. */
  private enum Variant {
    /** Everything the study logs. */
    FULL,
    /** Without parameter and gradient histograms. */
    NO_HISTOGRAMS,
    /**
     * The losses and evaluators only: no histograms, no probe, images or embedding, ratios once an
     * epoch.
     */
    LOSS_AND_METRICS
  }

  private static double measure(
      FashionMnistSplits data, int epochs, Path root, String name, Variant v, String label)
      throws Exception {
    long[] callbacks = new long[1];
    long t0 = System.nanoTime();
    Timed timed;
    // the run's close is timed (it writes what is still queued): closed by hand, failed on an
    // exception
    Run run = Run.builder(name).logRoot(root).open();
    try {
      LabeledImages probe = data.validation().first(256);
      LabeledImages embedded = data.test().first(StudyRun.EMBEDDING_SIZE);
      TrackingListener.Builder b = TrackingListener.builder(run).histograms(v == Variant.FULL);
      if (v == Variant.LOSS_AND_METRICS) {
        b.updateRatioEvery(0);
      } else {
        b.probe(DjlStudyModel.pixels(probe), new Shape(probe.size(), LabeledImages.PIXELS))
            .weightImages(LabeledImages.SIDE, LabeledImages.SIDE, StudyRun.WEIGHT_TILES)
            .embedding(
                DjlStudyModel.pixels(embedded),
                new Shape(embedded.size(), LabeledImages.PIXELS),
                StudyRun.classNames(embedded),
                StudyRun.sprites(embedded))
            .embeddingEvery(epochs);
      }
      timed = new Timed(b.build(), callbacks);
      train(data, epochs, timed);
    } catch (Exception | Error e) {
      run.fail(e);
      throw e;
    }
    long c0 = System.nanoTime();
    run.close();
    callbacks[0] += System.nanoTime() - c0;
    timed.byCallback().merge("run.close", System.nanoTime() - c0, Long::sum);
    long total = System.nanoTime() - t0;
    double ratio = (double) callbacks[0] / (total - callbacks[0]);
    System.out.printf(
        Locale.ROOT,
        "%s: training %.1f s, in the listener %.3f s: %.2f%%  (%s)%n",
        label,
        (total - callbacks[0]) / 1e9,
        callbacks[0] / 1e9,
        100 * ratio,
        timed.byCallback().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.3f s", e.getKey(), e.getValue() / 1e9))
            .collect(Collectors.joining(", ")));
    return ratio;
  }

  private static void train(FashionMnistSplits data, int epochs, TrainingListener listener)
      throws Exception {
    Engine.getEngine("PyTorch").setRandomSeed(1);
    DefaultTrainingConfig config =
        DjlStudyModel.trainingConfig(1e-3f).addTrainingListeners(listener);
    DjlStudyModel.fit(config, data, epochs, BATCH);
  }

  /** Adds up the time {@code delegate}'s callbacks take. */
  private record Timed(TrainingListener delegate, long[] nanos, Map<String, Long> byCallback)
      implements TrainingListener {
    Timed(TrainingListener delegate, long[] nanos) {
      this(delegate, nanos, new TreeMap<>());
    }

    private void timed(String name, Consumer<TrainingListener> callback) {
      long t0 = System.nanoTime();
      try {
        callback.accept(delegate);
      } finally {
        long t = System.nanoTime() - t0;
        nanos[0] += t;
        byCallback.merge(name, t, Long::sum);
      }
    }

    @Override
    public void onEpoch(Trainer trainer) {
      timed("onEpoch", l -> l.onEpoch(trainer));
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
      timed("onTrainingBatch", l -> l.onTrainingBatch(trainer, batchData));
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
      timed("onValidationBatch", l -> l.onValidationBatch(trainer, batchData));
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
      timed("onTrainingBegin", l -> l.onTrainingBegin(trainer));
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
      timed("onTrainingEnd", l -> l.onTrainingEnd(trainer));
    }
  }
}
