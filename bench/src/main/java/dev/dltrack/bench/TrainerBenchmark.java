package dev.dltrack.bench;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitScheme;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.RunSpec;
import dev.dltrack.trainer.study.Sweep;
import dev.dltrack.trainer.study.SweepProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's speed, in one run:
 *
 * <ol>
 *   <li>the floor: an epoch's matrix-multiply FLOPs, each GEMM shape of the study's MLP timed on
 *       ND4J alone, and the ratio of a real epoch to it;
 *   <li>samples/s of one run, with the tracker's full logging and without (the same training and
 *       evaluation, nothing logged), alternating so that drift hits both; the difference is the
 *       logging overhead;
 *   <li>with {@code --sweep}: the whole default sweep (12 schemes, 10 epochs), timed.
 * </ol>
 *
 * Run with OMP_NUM_THREADS=1, as the launcher does.
 */
public final class TrainerBenchmark {
  private static final int BATCH = 128;
  private static final int[] LAYERS = {784, 256, 128, 10};

  private TrainerBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean fullSweep = List.of(args).contains("--sweep");
    FashionMnistSplits data =
        FashionMnistSplits.split(FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED);
    int trainSize = data.train().size();
    long iterations = (trainSize + BATCH - 1) / BATCH;
    System.out.printf(Locale.ROOT,
        "trainer benchmark: %d CPUs, OMP_NUM_THREADS=%s, Java %s; %d train images, batch %d, %d iterations/epoch%n%n",
        Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"),
        System.getProperty("java.version"), trainSize, BATCH, iterations);

    double floorSeconds = gemmFloor(iterations);

    try (Scratch scratch = Scratch.create("dltrack-trainer-bench")) {
      measure(data, scratch.path(), floorSeconds, fullSweep);
    }
  }

  /** One run's epoch times with and without logging and, with {@code fullSweep}, both sweeps. */
  private static void measure(FashionMnistSplits data, Path root, double floorSeconds, boolean fullSweep)
      throws Exception {
    int epochs = 3;
    int reps = 3;
    int trainSize = data.train().size();
    double[] tracked = new double[reps];
    double[] untracked = new double[reps];
    oneRun(data, root, "warmup", epochs, false);
    for (int r = 0; r < reps; r++) {
      untracked[r] = oneRun(data, root, "plain-" + r, epochs, false);
      tracked[r] = oneRun(data, root, "tracked-" + r, epochs, true);
    }
    Stats u = Stats.of(untracked);
    Stats t = Stats.of(tracked);
    System.out.printf(Locale.ROOT, "one run, epoch time without logging: %s%n", u.format("s", 1));
    System.out.printf(Locale.ROOT, "one run, epoch time with the tracker: %s%n", t.format("s", 1));
    System.out.printf(Locale.ROOT, "one run, samples/s with the tracker:  %,.0f%n", trainSize / t.median());
    Stats pairs = Stats.ofRatios(tracked, untracked);
    System.out.printf(Locale.ROOT, "logging overhead: %+.1f%% of epoch time (median of %d alternating pairs; pairs ranged %+.1f%% .. %+.1f%%)%n",
        100 * (t.median() / u.median() - 1), reps, 100 * (pairs.min() - 1), 100 * (pairs.max() - 1));
    System.out.printf(Locale.ROOT, "epoch time / GEMM floor: %.1f (the rest: DL4J's per-layer ops, Adam, dropout, evaluation)%n",
        t.median() / floorSeconds);

    if (fullSweep) {
      for (boolean tracking : new boolean[] {false, true}) {
        Sweep sweep = Sweep.of(InitScheme.all(), 1, 10, BATCH, 1e-3, root.resolve(tracking ? "sweep" : "sweep-plain"),
            Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        List<RunResult> results = sweep.run(data, tracking, SweepProgress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT,
            "%nwhole default sweep (%d runs x 10 epochs, %d at a time)%s: %.0f s = %d:%02d, %,.0f samples/s%n",
            results.size(), sweep.parallel(), tracking ? " with the tracker" : " without logging", seconds,
            (int) seconds / 60, (int) seconds % 60, results.size() * 10.0 * trainSize / seconds);
      }
    }
  }

  /** Median epoch time of one he-normal run over {@code epochs} epochs (the first one dropped). */
  private static double oneRun(FashionMnistSplits data, Path root, String name, int epochs, boolean tracking)
      throws Exception {
    RunSpec spec = new RunSpec(InitScheme.byName("he-normal"), 1, epochs, BATCH, 1e-3, name, root);
    List<Long> epochEnds = new ArrayList<>();
    long start = System.nanoTime();
    dev.dltrack.trainer.study.StudyRun.train(spec, data, Experiment.builder().build(), tracking,
        new SweepProgress() {
          @Override
          public void epochDone(String run, int epoch, int n, double acc, double loss) {
            epochEnds.add(System.nanoTime());
          }
        });
    double[] times = new double[epochEnds.size() - 1];
    for (int i = 1; i < epochEnds.size(); i++) {
      times[i - 1] = (epochEnds.get(i) - epochEnds.get(i - 1)) / 1e9;
    }
    return Stats.of(times).median();
  }

  /**
   * Times every GEMM of one training iteration on its own (forward: x·W per layer; backward: the
   * weight gradient xᵀ·δ per layer and the input gradient δ·Wᵀ for all but the first) and
   * returns the seconds an epoch's GEMMs take.
   */
  private static double gemmFloor(long iterations) {
    double flops = 0;
    double seconds = 0;
    for (int l = 0; l < LAYERS.length - 1; l++) {
      int in = LAYERS[l];
      int out = LAYERS[l + 1];
      INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, in);
      INDArray w = Nd4j.rand(DataType.FLOAT, in, out);
      INDArray delta = Nd4j.rand(DataType.FLOAT, BATCH, out);
      seconds += time(() -> x.mmul(w));
      seconds += time(() -> x.transpose().mmul(delta));
      flops += 2.0 * 2 * BATCH * in * out;
      if (l > 0) {
        seconds += time(() -> delta.mmul(w.transpose()));
        flops += 2.0 * BATCH * in * out;
      }
    }
    System.out.printf(Locale.ROOT,
        "GEMM floor: %.0f MFLOP per iteration at %.1f GFLOP/s measured on these shapes = %.2f s per epoch%n",
        flops / 1e6, flops / seconds / 1e9, seconds * iterations);
    return seconds * iterations;
  }

  /** Median seconds of one call after warm-up. */
  private static double time(Runnable gemm) {
    for (int i = 0; i < 200; i++) {
      gemm.run();
    }
    double[] t = new double[15];
    for (int r = 0; r < t.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        gemm.run();
      }
      t[r] = (System.nanoTime() - t0) / 1e9 / 100;
    }
    return Stats.of(t).median();
  }
}
