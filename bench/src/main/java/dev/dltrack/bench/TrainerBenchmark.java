package dev.dltrack.bench;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.trainer.data.FashionMnistIterator;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitContext;
import dev.dltrack.trainer.init.InitScheme;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.RunSpec;
import dev.dltrack.trainer.study.StudyModel;
import dev.dltrack.trainer.study.StudyRun;
import dev.dltrack.trainer.study.Sweep;
import dev.dltrack.trainer.study.SweepProgress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's speed against the machine's limit, in one run:
 *
 * <ol>
 *   <li>the floor ({@link GemmFloor}): an iteration's minimal GEMM FLOPs at the best sgemm rate
 *       measured here, and an epoch's worth of it;
 *   <li>training alone ({@code fit}, no listener, no evaluation) on DL4J's own layers and on the
 *       study's {@link StudyModel.Layers#REUSING reusing layers}, which give the same results,
 *       taking turns in one process: epoch time, its ratio to the floor, and the speed-up;
 *   <li>one run of the study as the sweep trains it ({@link StudyRun}: training, validation after
 *       every epoch, test at the end), with the tracker's full logging and without, taking turns:
 *       epoch time (wall-clock and the training thread's CPU) and its ratio to the floor, the CPU
 *       time of the tracker's writer threads, and the logging overhead;
 *   <li>with {@code --sweep}: the whole default sweep (12 schemes, 10 epochs), with and without
 *       logging, timed.
 * </ol>
 *
 * Every figure is the median of the repetitions, with their range. Run with the settings {@code
 * bench/run} and the launcher use (OMP_NUM_THREADS=1, {@code bench/jvm-settings}); {@code
 * --quick} takes one short repetition of everything, to see that it works; {@code --floor}
 * measures the floor only.
 */
public final class TrainerBenchmark {
  private static final int BATCH = 128;
  private static final int[] LAYERS = {784, 256, 128, 10};
  private static final long SEED = 1;
  private static final double LEARNING_RATE = 1e-3;

  private final FashionMnistSplits data;
  private final double epochFloor;
  private final boolean quick;

  private TrainerBenchmark(FashionMnistSplits data, double epochFloor, boolean quick) {
    this.data = data;
    this.epochFloor = epochFloor;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    boolean fullSweep = options.contains("--sweep");
    boolean quick = options.contains("--quick");
    FashionMnistSplits data =
        FashionMnistSplits.split(FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED);
    if (quick) {
      data = data.limit(10_000, 2_000, 2_000);
    }
    int trainSize = data.train().size();
    long iterations = ((long) trainSize + BATCH - 1) / BATCH;
    Environment env = Environment.current();
    System.out.printf(Locale.ROOT,
        "trainer benchmark, %s: %s, %d CPUs, load average %s at the start; %s; OMP_NUM_THREADS=%s,"
            + " OPENBLAS_CORETYPE=%s; JVM options %s%n",
        env.started(), env.cpu(), env.cpus(), env.loadAverage(), env.java(), env.ompNumThreads(),
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "%,d train images, batch %d: %d iterations per epoch%n%n", trainSize, BATCH,
        iterations);

    GemmFloor floor = GemmFloor.measure(GemmFloor.iteration(BATCH, LAYERS));
    System.out.print(floor.describe());
    double epochFloor = floor.iterationSeconds() * iterations;
    System.out.printf(Locale.ROOT, "GEMM floor per epoch: %d iterations x %.3f ms = %.3f s%n%n",
        iterations, floor.iterationSeconds() * 1e3, epochFloor);
    if (options.contains("--floor")) {
      return;
    }

    TrainerBenchmark bench = new TrainerBenchmark(data, epochFloor, quick);
    bench.trainingAlone(iterations);
    try (Scratch scratch = Scratch.create("dltrack-trainer-bench")) {
      bench.oneRun(scratch.path());
      if (fullSweep) {
        bench.sweeps(scratch.path());
      }
    }
  }

  /** {@code fit} alone, DL4J's layers and the reusing layers taking turns. */
  private void trainingAlone(long iterations) {
    int reps = quick ? 1 : 5;
    int epochs = quick ? 1 : 2;
    List<StudyModel.Layers> layers = List.of(StudyModel.Layers.DL4J, StudyModel.Layers.REUSING);
    Map<StudyModel.Layers, double[]> cpu = new EnumMap<>(StudyModel.Layers.class);
    layers.forEach(l -> cpu.put(l, new double[reps]));
    Map<StudyModel.Layers, double[]> wall = Turns.take(layers, reps, (l, rep) -> {
      EpochTime t = fitEpoch(l, epochs);
      cpu.get(l)[rep] = t.cpu();
      return t.wall();
    });
    System.out.printf(Locale.ROOT,
        "training alone (fit, he-normal, no listener, no evaluation): %d repetitions in turns, each a fresh"
            + " network: one untimed epoch, then the median of %d epochs; wall-clock time and the training"
            + " thread's CPU time (what the epoch costs when other processes take turns on the cores)%n",
        reps, epochs);
    for (StudyModel.Layers l : layers) {
      Stats w = Stats.of(wall.get(l));
      Stats c = Stats.of(cpu.get(l));
      System.out.printf(Locale.ROOT,
          "  %-8s layers: epoch %s wall, %s CPU = %.2f ms CPU per iteration; epoch / floor: wall %s, CPU %s%n",
          l, w.format("s", 1), c.format("s", 1), c.median() / iterations * 1e3, ratio(w.scaled(1 / epochFloor)),
          ratio(c.scaled(1 / epochFloor)));
    }
    System.out.printf(Locale.ROOT,
        "  DL4J's layers' epoch / the reusing layers' epoch, paired by repetition: wall %s, CPU %s%n%n",
        ratio(Stats.ofRatios(wall.get(StudyModel.Layers.DL4J), wall.get(StudyModel.Layers.REUSING))),
        ratio(Stats.ofRatios(cpu.get(StudyModel.Layers.DL4J), cpu.get(StudyModel.Layers.REUSING))));
  }

  /** An epoch's wall-clock seconds and the training thread's CPU seconds in it. */
  private record EpochTime(double wall, double cpu) {}

  /** Median epoch time of a fresh he-normal network on {@code layers}, after one untimed epoch. */
  private EpochTime fitEpoch(StudyModel.Layers layers, int epochs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Nd4j.getRandom().setSeed(SEED);
    MultiLayerNetwork net = StudyModel.build(SEED, LEARNING_RATE, layers);
    InitScheme.byName("he-normal").apply(net, InitContext.of(SEED));
    FashionMnistIterator train = FashionMnistIterator.shuffled(data.train(), BATCH, SEED);
    net.fit(train);
    double[] wall = new double[epochs];
    double[] cpu = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      net.fit(train);
      wall[e] = (System.nanoTime() - t0) / 1e9;
      cpu[e] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    return new EpochTime(Stats.of(wall).median(), Stats.of(cpu).median());
  }

  /** One run of the study, with the tracker and without, in turns. */
  private void oneRun(Path root) throws Exception {
    int epochs = quick ? 2 : 3;
    int reps = quick ? 1 : 3;
    StudyEpoch[] tracked = new StudyEpoch[reps];
    StudyEpoch[] untracked = new StudyEpoch[reps];
    studyEpoch(root, "warmup", epochs, false);
    for (int r = 0; r < reps; r++) {
      untracked[r] = studyEpoch(root, "plain-" + r, epochs, false);
      tracked[r] = studyEpoch(root, "tracked-" + r, epochs, true);
    }
    double[] uWall = StudyEpoch.wall(untracked);
    double[] tWall = StudyEpoch.wall(tracked);
    double[] uCpu = StudyEpoch.cpu(untracked);
    double[] tCpu = StudyEpoch.cpu(tracked);
    Stats u = Stats.of(uWall);
    Stats t = Stats.of(tWall);
    System.out.printf(Locale.ROOT,
        "one run of the study (reusing layers; an epoch: training, validation on %,d images, logging),"
            + " %d pairs in turns, the median of epochs 2..%d of each:%n", data.validation().size(), reps, epochs);
    System.out.printf(Locale.ROOT, "  without logging: epoch %s wall, %s CPU of the training thread; epoch / floor %s%n",
        u.format("s", 1), Stats.of(uCpu).format("s", 1), ratio(u.scaled(1 / epochFloor)));
    System.out.printf(Locale.ROOT,
        "  with the tracker: epoch %s wall, %s CPU of the training thread, %,.0f samples/s; epoch / floor %s;"
            + " the tracker's own threads %s CPU per epoch%n",
        t.format("s", 1), Stats.of(tCpu).format("s", 1), data.train().size() / t.median(),
        ratio(t.scaled(1 / epochFloor)), Stats.of(StudyEpoch.trackerCpu(tracked)).format("s", 1));
    Stats pairs = Stats.ofRatios(tWall, uWall);
    Stats cpuPairs = Stats.ofRatios(tCpu, uCpu);
    System.out.printf(Locale.ROOT,
        "  logging overhead, end to end: %+.1f%% of epoch time (pairs %+.1f%% .. %+.1f%%), in the training thread's"
            + " CPU time %+.1f%% (%+.1f%% .. %+.1f%%); the direct cost, which resolves a few percent, is"
            + " ListenerOverhead's (bench/run)%n%n",
        100 * (pairs.median() - 1), 100 * (pairs.min() - 1), 100 * (pairs.max() - 1),
        100 * (cpuPairs.median() - 1), 100 * (cpuPairs.min() - 1), 100 * (cpuPairs.max() - 1));
  }

  /**
   * One study run's median epoch (epochs 2..n): wall-clock seconds, the training thread's CPU
   * seconds (the study trains on the calling thread; CPU time is what other processes on a shared
   * machine change least), and the CPU seconds of the tracker's writer threads in it.
   */
  private record StudyEpoch(double wall, double cpu, double trackerCpu) {
    static double[] wall(StudyEpoch[] e) {
      return java.util.Arrays.stream(e).mapToDouble(StudyEpoch::wall).toArray();
    }

    static double[] cpu(StudyEpoch[] e) {
      return java.util.Arrays.stream(e).mapToDouble(StudyEpoch::cpu).toArray();
    }

    static double[] trackerCpu(StudyEpoch[] e) {
      return java.util.Arrays.stream(e).mapToDouble(StudyEpoch::trackerCpu).toArray();
    }
  }

  /** Median epoch of one he-normal study run over {@code epochs} epochs (the first dropped). */
  private StudyEpoch studyEpoch(Path root, String name, int epochs, boolean tracking) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    RunSpec spec = new RunSpec(InitScheme.byName("he-normal"), SEED, epochs, BATCH, LEARNING_RATE, name, root);
    List<long[]> epochEnds = new ArrayList<>();
    epochEnds.add(new long[] {System.nanoTime(), threads.getCurrentThreadCpuTime(), trackerThreadsCpu(threads)});
    StudyRun.train(spec, data, Experiment.builder().build(), tracking, new SweepProgress() {
      @Override
      public void epochDone(String run, int epoch, int n, double acc, double loss) {
        epochEnds.add(new long[] {System.nanoTime(), threads.getCurrentThreadCpuTime(), trackerThreadsCpu(threads)});
      }
    });
    double[][] times = new double[3][epochEnds.size() - 2];
    for (int i = 2; i < epochEnds.size(); i++) {
      for (int k = 0; k < 3; k++) {
        times[k][i - 2] = (epochEnds.get(i)[k] - epochEnds.get(i - 1)[k]) / 1e9;
      }
    }
    return new StudyEpoch(Stats.of(times[0]).median(), Stats.of(times[1]).median(), Stats.of(times[2]).median());
  }

  /** CPU nanoseconds so far of the live threads the tracker's runs write with ({@code dltrack-*}). */
  private static long trackerThreadsCpu(ThreadMXBean threads) {
    long sum = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("dltrack-")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** The whole default sweep, without logging and with the tracker. */
  private void sweeps(Path root) throws Exception {
    int epochs = quick ? 1 : 10;
    for (boolean tracking : new boolean[] {false, true}) {
      Sweep sweep = Sweep.of(InitScheme.all(), 1, epochs, BATCH, LEARNING_RATE,
          root.resolve(tracking ? "sweep" : "sweep-plain"), Runtime.getRuntime().availableProcessors());
      long t0 = System.nanoTime();
      List<RunResult> results = sweep.run(data, tracking, SweepProgress.NONE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT,
          "whole default sweep (%d runs x %d epochs, %d at a time)%s: %.0f s = %d:%02d, %,.0f samples/s%n",
          results.size(), epochs, sweep.parallel(), tracking ? " with the tracker" : " without logging", seconds,
          (int) seconds / 60, (int) seconds % 60, results.size() * (double) epochs * data.train().size() / seconds);
    }
  }

  private static String ratio(Stats s) {
    return String.format(Locale.ROOT, "%.2f (%.2f .. %.2f)", s.median(), s.min(), s.max());
  }
}
