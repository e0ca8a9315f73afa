package dev.dltrack.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * <p>With the PyTorch peer ({@link TorchPeer}, named by {@code -Ddltrack.bench.torchPeer}, which
 * {@code bench/trainer} sets unless given {@code --no-peer}), the study written in PyTorch takes
 * its turn beside the trainer in each of these: training alone, one run with its {@code
 * SummaryWriter} and without (training, validation pass, whole epoch), and the whole default sweep
 * 1 and 2 at a time on both sides; the ratios of issue 22 are printed at the end as one table.
 *
 * <p>Every figure is the median of the repetitions, with their range. Run with the settings {@code
 * bench/run} and the launcher use (OMP_NUM_THREADS=1, {@code bench/jvm-settings}); {@code --quick}
 * takes one short repetition of everything, to see that it works; {@code --floor} measures the
 * floor only.
 */
public final class TrainerBenchmark {
  private static final int BATCH = 128;
  private static final int[] LAYERS = {784, 256, 128, 10};
  private static final long SEED = 1;
  private static final double LEARNING_RATE = 1e-3;

  private static final String PYTORCH = "PyTorch";

  private final FashionMnistSplits data;
  private final double epochFloor;
  private final boolean quick;
  private final TorchPeer peer; // null: no peer
  private final PeerComparison comparison = new PeerComparison();

  private TrainerBenchmark(
      FashionMnistSplits data, double epochFloor, boolean quick, TorchPeer peer) {
    this.data = data;
    this.epochFloor = epochFloor;
    this.quick = quick;
    this.peer = peer;
  }

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    boolean fullSweep = options.contains("--sweep");
    boolean quick = options.contains("--quick");
    FashionMnistSplits data =
        FashionMnistSplits.split(
            FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED);
    if (quick) {
      data = data.limit(10_000, 2_000, 2_000);
    }
    int trainSize = data.train().size();
    long iterations = ((long) trainSize + BATCH - 1) / BATCH;
    Environment env = Environment.current();
    System.out.printf(
        Locale.ROOT,
        "trainer benchmark, %s: %s, %d CPUs, load average %s at the start; %s; OMP_NUM_THREADS=%s,"
            + " OPENBLAS_CORETYPE=%s; JVM options %s%n",
        env.started(),
        env.cpu(),
        env.cpus(),
        env.loadAverage(),
        env.java(),
        env.ompNumThreads(),
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(
        Locale.ROOT,
        "%,d train images, batch %d: %d iterations per epoch%n%n",
        trainSize,
        BATCH,
        iterations);

    GemmFloor floor = GemmFloor.measure(GemmFloor.iteration(BATCH, LAYERS));
    System.out.print(floor.describe());
    double epochFloor = floor.iterationSeconds() * iterations;
    System.out.printf(
        Locale.ROOT,
        "GEMM floor per epoch: %d iterations x %.3f ms = %.3f s%n%n",
        iterations,
        floor.iterationSeconds() * 1e3,
        epochFloor);
    if (options.contains("--floor")) {
      return;
    }

    TorchPeer peer =
        TorchPeer.fromSystemProperty(
            quick, data.train().size(), data.validation().size(), data.test().size());
    System.out.println(
        peer == null
            ? "PyTorch peer: none (-D"
                + TorchPeer.PROPERTY
                + " is not set; bench/trainer sets it without --no-peer)\n"
            : "PyTorch peer: "
                + peer
                + " (bench/torch/study_peer.py), taking turns with the trainer\n");
    TrainerBenchmark bench = new TrainerBenchmark(data, epochFloor, quick, peer);
    try (Scratch scratch = Scratch.create("dltrack-trainer-bench")) {
      bench.trainingAlone(iterations, scratch.path());
      bench.oneRun(scratch.path());
      if (fullSweep) {
        bench.sweeps(scratch.path());
      }
    }
    if (!bench.comparison.isEmpty()) {
      System.out.println();
      System.out.print(
          bench.comparison.markdown(
              env,
              "bench/trainer" + (args.length == 0 ? "" : " " + String.join(" ", args)),
              Environment.currentLoadAverage()));
    }
  }

  /**
   * {@code fit} alone, DL4J's layers and the reusing layers (and the PyTorch peer) taking turns.
   */
  private void trainingAlone(long iterations, Path root) throws IOException {
    int reps = quick ? 1 : 5;
    int epochs = quick ? 1 : 2;
    List<StudyModel.Layers> layers = List.of(StudyModel.Layers.DL4J, StudyModel.Layers.REUSING);
    List<String> subjects = new ArrayList<>(layers.stream().map(Enum::name).toList());
    if (peer != null) {
      subjects.add(PYTORCH);
    }
    Map<String, double[]> cpu = new HashMap<>();
    subjects.forEach(l -> cpu.put(l, new double[reps]));
    Map<String, double[]> wall =
        Turns.take(
            subjects,
            reps,
            (l, rep) -> {
              EpochTime t =
                  l.equals(PYTORCH)
                      ? peerTrainingEpoch(epochs, root)
                      : fitEpoch(StudyModel.Layers.valueOf(l), epochs);
              cpu.get(l)[rep] = t.cpu();
              return t.wall();
            });
    System.out.printf(
        Locale.ROOT,
        "training alone (fit, he-normal, no listener, no evaluation): %d repetitions in turns, each a fresh"
            + " network: one untimed epoch, then the median of %d epochs; wall-clock time and the training"
            + " thread's CPU time (what the epoch costs when other processes take turns on the cores)%n",
        reps,
        epochs);
    for (String l : subjects) {
      Stats w = Stats.of(wall.get(l));
      Stats c = Stats.of(cpu.get(l));
      System.out.printf(
          Locale.ROOT,
          "  %-8s layers: epoch %s wall, %s CPU = %.2f ms CPU per iteration; epoch / floor: wall %s, CPU %s%n",
          l,
          w.format("s", 1),
          c.format("s", 1),
          c.median() / iterations * 1e3,
          ratio(w.scaled(1 / epochFloor)),
          ratio(c.scaled(1 / epochFloor)));
    }
    System.out.printf(
        Locale.ROOT,
        "  DL4J's layers' epoch / the reusing layers' epoch, paired by repetition: wall %s, CPU %s%n%n",
        ratio(Stats.ofRatios(wall.get("DL4J"), wall.get("REUSING"))),
        ratio(Stats.ofRatios(cpu.get("DL4J"), cpu.get("REUSING"))));
    if (peer != null) {
      Stats ratio = Stats.ofRatios(wall.get("REUSING"), wall.get(PYTORCH));
      System.out.printf(
          Locale.ROOT,
          "  the reusing layers' epoch / PyTorch's (the peer's training loop alone: shuffle, forward, backward,"
              + " Adam), paired by repetition: wall %s, CPU %s%n%n",
          ratio(ratio),
          ratio(Stats.ofRatios(cpu.get("REUSING"), cpu.get(PYTORCH))));
      comparison.add(
          "training, one epoch (he-normal, no logging, no evaluation)",
          secs(Stats.of(wall.get(PYTORCH))),
          secs(Stats.of(wall.get("REUSING"))),
          ratio,
          "≤ 1.0");
    }
  }

  /**
   * The PyTorch peer's training loop, as {@link #fitEpoch}: a fresh he-normal run in a process of
   * its own, one untimed epoch, then the median of {@code epochs} (its validation passes in between
   * are not timed).
   */
  private EpochTime peerTrainingEpoch(int epochs, Path root) throws IOException {
    TorchPeer.RunTimes run = peer.run("he-normal", 1 + epochs, root.resolve("torch-train"), false);
    return new EpochTime(
        run.stats(TorchPeer.Epoch::train).median(), run.stats(TorchPeer.Epoch::trainCpu).median());
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
    TorchPeer.RunTimes[] peerPlain = new TorchPeer.RunTimes[reps];
    TorchPeer.RunTimes[] peerLogged = new TorchPeer.RunTimes[reps];
    studyEpoch(root, "warmup", epochs, false);
    for (int r = 0; r < reps; r++) {
      untracked[r] = studyEpoch(root, "plain-" + r, epochs, false);
      tracked[r] = studyEpoch(root, "tracked-" + r, epochs, true);
      if (peer != null) {
        peerPlain[r] = peer.run("he-normal", epochs, root.resolve("torch-plain-" + r), false);
        peerLogged[r] = peer.run("he-normal", epochs, root.resolve("torch-logged-" + r), true);
      }
    }
    double[] uWall = StudyEpoch.wall(untracked);
    double[] tWall = StudyEpoch.wall(tracked);
    double[] uCpu = StudyEpoch.cpu(untracked);
    double[] tCpu = StudyEpoch.cpu(tracked);
    Stats u = Stats.of(uWall);
    Stats t = Stats.of(tWall);
    System.out.printf(
        Locale.ROOT,
        "one run of the study (reusing layers; an epoch: training, validation on %,d images, logging),"
            + " %d pairs in turns, the median of epochs 2..%d of each:%n",
        data.validation().size(),
        reps,
        epochs);
    System.out.printf(
        Locale.ROOT,
        "  without logging: epoch %s wall, %s CPU of the training thread; epoch / floor %s%n",
        u.format("s", 1),
        Stats.of(uCpu).format("s", 1),
        ratio(u.scaled(1 / epochFloor)));
    System.out.printf(
        Locale.ROOT,
        "  with the tracker: epoch %s wall, %s CPU of the training thread, %,.0f samples/s; epoch / floor %s;"
            + " the tracker's own threads %s CPU per epoch%n",
        t.format("s", 1),
        Stats.of(tCpu).format("s", 1),
        data.train().size() / t.median(),
        ratio(t.scaled(1 / epochFloor)),
        Stats.of(StudyEpoch.trackerCpu(tracked)).format("s", 1));
    Stats pairs = Stats.ofRatios(tWall, uWall);
    Stats cpuPairs = Stats.ofRatios(tCpu, uCpu);
    System.out.printf(
        Locale.ROOT,
        "  logging overhead, end to end: %+.1f%% of epoch time (pairs %+.1f%% .. %+.1f%%), in the training thread's"
            + " CPU time %+.1f%% (%+.1f%% .. %+.1f%%); the direct cost, which resolves a few percent, is"
            + " ListenerOverhead's (bench/run)%n%n",
        100 * (pairs.median() - 1),
        100 * (pairs.min() - 1),
        100 * (pairs.max() - 1),
        100 * (cpuPairs.median() - 1),
        100 * (cpuPairs.min() - 1),
        100 * (cpuPairs.max() - 1));
    if (peer != null) {
      comparePeer(epochs, untracked, tracked, peerPlain, peerLogged);
    }
  }

  /**
   * The same runs of the PyTorch peer, without logging and with its SummaryWriter, against the
   * study's.
   */
  private void comparePeer(
      int epochs,
      StudyEpoch[] untracked,
      StudyEpoch[] tracked,
      TorchPeer.RunTimes[] plain,
      TorchPeer.RunTimes[] logged) {
    int reps = plain.length;
    double[] pTrain = new double[reps];
    double[] pVal = new double[reps];
    double[] pPlain = new double[reps];
    double[] pLogged = new double[reps];
    double[] pLog = new double[reps];
    for (int r = 0; r < reps; r++) {
      pTrain[r] = plain[r].stats(TorchPeer.Epoch::train).median();
      pVal[r] = plain[r].stats(TorchPeer.Epoch::validation).median();
      pPlain[r] = plain[r].stats(TorchPeer.Epoch::total).median();
      pLogged[r] = logged[r].stats(TorchPeer.Epoch::total).median();
      pLog[r] = logged[r].stats(TorchPeer.Epoch::logging).median();
    }
    double[] jVal = Arrays.stream(untracked).mapToDouble(StudyEpoch::validation).toArray();
    double[] jTrain = Arrays.stream(untracked).mapToDouble(StudyEpoch::training).toArray();
    System.out.printf(
        Locale.ROOT,
        "the PyTorch peer, the same run (he-normal, %d epochs) in turns with the study's, the median of epochs 2..%d:%n",
        epochs,
        epochs);
    System.out.printf(
        Locale.ROOT,
        "  without logging: epoch %s wall: training %s, validation pass %s%n",
        secs(Stats.of(pPlain)),
        secs(Stats.of(pTrain)),
        Stats.of(pVal).format("ms", 1000));
    System.out.printf(
        Locale.ROOT,
        "  with its SummaryWriter: epoch %s wall, of which the epoch's logging (scalars, 12 histograms) %s%n",
        secs(Stats.of(pLogged)),
        secs(Stats.of(pLog)));
    System.out.printf(
        Locale.ROOT,
        "  the study without logging, split the same way: training %s (to the epoch's last iteration), validation"
            + " pass %s (from there to the epoch's end: the evaluation with its PR-curve data)%n",
        secs(Stats.of(jTrain)),
        Stats.of(jVal).format("ms", 1000));
    Stats val = Stats.ofRatios(jVal, pVal);
    Stats withLogging = Stats.ofRatios(StudyEpoch.wall(tracked), pLogged);
    Stats without = Stats.ofRatios(StudyEpoch.wall(untracked), pPlain);
    System.out.printf(
        Locale.ROOT,
        "  this project / PyTorch, paired by repetition: validation pass %s; study epoch with logging %s, without %s%n",
        ratio(val),
        ratio(withLogging),
        ratio(without));
    System.out.printf(
        Locale.ROOT,
        "  validation accuracy after %d epochs (he-normal, seed %d, same split; batches, dropout masks and initial"
            + " weights drawn differently): this project %.4f, PyTorch %.4f%n%n",
        epochs,
        SEED,
        tracked[reps - 1].valAccuracy(),
        logged[reps - 1].epochs().get(epochs - 1).valAccuracy());
    comparison.add(
        String.format(Locale.ROOT, "validation pass, %,d images", data.validation().size()),
        Stats.of(pVal).format("ms", 1000),
        Stats.of(jVal).format("ms", 1000) + " (without logging)",
        val,
        "≤ 1.5");
    comparison.add(
        "study epoch with logging (training, validation, logging)",
        secs(Stats.of(pLogged)) + " with its `SummaryWriter`",
        secs(Stats.of(StudyEpoch.wall(tracked))) + " with the tracker",
        withLogging,
        "≤ 1.0");
    comparison.add(
        "study epoch without logging",
        secs(Stats.of(pPlain)),
        secs(Stats.of(StudyEpoch.wall(untracked))),
        without,
        "");
  }

  /**
   * One study run's median epoch (epochs 2..n): wall-clock seconds, the training thread's CPU
   * seconds (the study trains on the calling thread; CPU time is what other processes on a shared
   * machine change least), and the CPU seconds of the tracker's writer threads in it.
   */
  private record StudyEpoch(
      double wall,
      double cpu,
      double trackerCpu,
      double training,
      double validation,
      double valAccuracy) {
    static double[] wall(StudyEpoch[] e) {
      return Arrays.stream(e).mapToDouble(StudyEpoch::wall).toArray();
    }

    static double[] cpu(StudyEpoch[] e) {
      return Arrays.stream(e).mapToDouble(StudyEpoch::cpu).toArray();
    }

    static double[] trackerCpu(StudyEpoch[] e) {
      return Arrays.stream(e).mapToDouble(StudyEpoch::trackerCpu).toArray();
    }
  }

  /**
   * Where an epoch ends: the wall time, this thread's CPU time and the tracker threads' CPU time
   * now (nanoseconds), and when the epoch's last iteration ended.
   */
  private static long[] epochEnd(ThreadMXBean threads, long lastIteration) {
    return new long[] {
      System.nanoTime(),
      threads.getCurrentThreadCpuTime(),
      trackerThreadsCpu(threads),
      lastIteration
    };
  }

  /** Median epoch of one he-normal study run over {@code epochs} epochs (the first dropped). */
  private StudyEpoch studyEpoch(Path root, String name, int epochs, boolean tracking)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    RunSpec spec =
        new RunSpec(InitScheme.byName("he-normal"), SEED, epochs, BATCH, LEARNING_RATE, name, root);
    List<long[]> epochEnds = new ArrayList<>();
    long[] lastIteration = {System.nanoTime()};
    epochEnds.add(epochEnd(threads, lastIteration[0]));
    RunResult result =
        StudyRun.train(
            spec,
            data,
            Experiment.builder().build(),
            tracking,
            new SweepProgress() {
              @Override
              public void iterationDone(String run) {
                lastIteration[0] = System.nanoTime();
              }

              @Override
              public void epochDone(String run, int epoch, int n, double acc, double loss) {
                epochEnds.add(epochEnd(threads, lastIteration[0]));
              }
            });
    double[][] times = new double[5][epochEnds.size() - 2];
    for (int i = 2; i < epochEnds.size(); i++) {
      for (int k = 0; k < 3; k++) {
        times[k][i - 2] = (epochEnds.get(i)[k] - epochEnds.get(i - 1)[k]) / 1e9;
      }
      // training: from the end of the last epoch to this one's last iteration; validation: from
      // there to its end
      times[3][i - 2] = (epochEnds.get(i)[3] - epochEnds.get(i - 1)[0]) / 1e9;
      times[4][i - 2] = (epochEnds.get(i)[0] - epochEnds.get(i)[3]) / 1e9;
    }
    return new StudyEpoch(
        Stats.of(times[0]).median(),
        Stats.of(times[1]).median(),
        Stats.of(times[2]).median(),
        Stats.of(times[3]).median(),
        Stats.of(times[4]).median(),
        result.finalValAccuracy());
  }

  /**
   * CPU nanoseconds so far of the live threads the tracker's runs write with ({@code dltrack-*}).
   */
  private static long trackerThreadsCpu(ThreadMXBean threads) {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("dltrack-")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * The whole default sweep, without logging and with the tracker; with the PyTorch peer, the
   * tracked sweep 1 and 2 at a time, each in turn with the peer's sweep at the same parallelism,
   * and the best of each side compared.
   */
  private void sweeps(Path root) throws Exception {
    int epochs = quick ? 1 : 10;
    int cpus = Runtime.getRuntime().availableProcessors();
    timeSweep(root, epochs, cpus, false);
    List<Integer> parallels = peer == null ? List.of(cpus) : List.of(1, 2);
    double bestStudy = Double.POSITIVE_INFINITY;
    double bestPeer = Double.POSITIVE_INFINITY;
    int bestStudyParallel = 0;
    int bestPeerParallel = 0;
    for (int parallel : parallels) {
      double study = timeSweep(root, epochs, parallel, true);
      if (study < bestStudy) {
        bestStudy = study;
        bestStudyParallel = parallel;
      }
      if (peer != null) {
        JsonNode sweep = peer.sweep(epochs, parallel, root.resolve("torch-sweep-" + parallel));
        double seconds = sweep.get("wall_s").asDouble();
        System.out.printf(
            Locale.ROOT,
            "whole default sweep in PyTorch (%d runs x %d epochs, %d at a time, worker processes' start and data"
                + " loading included) with its SummaryWriter: %.0f s = %s, %d failed runs%n",
            sweep.get("runs").asInt(),
            epochs,
            parallel,
            seconds,
            minutes(seconds),
            sweep.get("failed").asInt());
        if (seconds < bestPeer) {
          bestPeer = seconds;
          bestPeerParallel = parallel;
        }
      }
    }
    if (peer != null) {
      double r = bestStudy / bestPeer;
      System.out.printf(
          Locale.ROOT,
          "  each at its best: this project %s (%d at a time) / PyTorch %s (%d at a time) = %.2f%n",
          minutes(bestStudy),
          bestStudyParallel,
          minutes(bestPeer),
          bestPeerParallel,
          r);
      comparison.add(
          String.format(
              Locale.ROOT,
              "the default sweep, 12 runs x %d epochs, logging, each side at its best"
                  + " of 1 and 2 at a time",
              epochs),
          String.format(
              Locale.ROOT,
              "%s = %.1f s (%d at a time)",
              minutes(bestPeer),
              bestPeer,
              bestPeerParallel),
          String.format(
              Locale.ROOT,
              "%s = %.1f s (%d at a time)",
              minutes(bestStudy),
              bestStudy,
              bestStudyParallel),
          new Stats(r, r, r),
          "≤ 1.0");
    }
  }

  /**
   * The default sweep's wall-clock seconds, {@code parallel} runs at a time, with the tracker or
   * without logging.
   */
  private double timeSweep(Path root, int epochs, int parallel, boolean tracking) throws Exception {
    Sweep sweep =
        Sweep.of(
            InitScheme.all(),
            1,
            epochs,
            BATCH,
            LEARNING_RATE,
            root.resolve((tracking ? "sweep-" : "sweep-plain-") + parallel),
            parallel);
    long t0 = System.nanoTime();
    List<RunResult> results = sweep.run(data, tracking, SweepProgress.NONE);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "whole default sweep (%d runs x %d epochs, %d at a time)%s: %.0f s = %s, %,.0f samples/s%n",
        results.size(),
        epochs,
        sweep.parallel(),
        tracking ? " with the tracker" : " without logging",
        seconds,
        minutes(seconds),
        results.size() * (double) epochs * data.train().size() / seconds);
    return seconds;
  }

  /** Seconds to the hundredth: the peer's epochs are a fraction of a second. */
  private static String secs(Stats s) {
    return String.format(Locale.ROOT, "%.2f s (%.2f .. %.2f)", s.median(), s.min(), s.max());
  }

  private static String minutes(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String ratio(Stats s) {
    return String.format(Locale.ROOT, "%.2f (%.2f .. %.2f)", s.median(), s.min(), s.max());
  }
}
