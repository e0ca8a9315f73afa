package dev.dltrack.trainer.study;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitScheme;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dltrack sweep}: the weight-initialization study, every scheme a named run. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train the study's MLP on FashionMNIST under every initialization scheme (or --schemes), "
          + "each scheme and seed a named run in the log directory; then print a table of results.",
      "View the runs with: tensorboard --logdir <logdir>, or ./dltrack compare / report."
    })
public final class SweepCommand implements Callable<Integer> {
  @Option(names = "--schemes", split = ",", paramLabel = "NAME",
      description = "Schemes to run, comma-separated (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = SchemeNames.class)
  List<String> schemes;

  @Option(names = "--seeds", defaultValue = "1",
      description = "Seeds per scheme: 1..N (default: ${DEFAULT-VALUE}). With N > 1 runs are named <scheme>-s<seed>.")
  int seeds;

  @Option(names = "--epochs", defaultValue = "10", description = "Epochs per run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--logdir", defaultValue = "logs", description = "Log root (default: ${DEFAULT-VALUE}).")
  Path logRoot;

  @Option(names = "--parallel", description = "Runs trained at once (default: the number of CPUs, each run on one thread).")
  Integer parallel;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory holding the four FashionMNIST .gz files (default: $FASHION_MNIST_DIR, "
          + "/usr/share/datasets/fashion-mnist, then the user cache).")
  Path dataDir;

  @Option(names = "--subset", paramLabel = "N",
      description = "Train on the first N training images only (validation and test on N/5 each); for quick trials.")
  Integer subset;

  @Option(names = "--overwrite",
      description = "Replace runs of the same names already in the log directory (by default the sweep refuses to start).")
  boolean overwrite;

  @Option(names = "--shard", paramLabel = "i/n", converter = ShardConverter.class,
      description = "Run only part i of n disjoint parts of the sweep, i from 0 to n-1 (a Kubernetes Indexed "
          + "Job: --shard $JOB_COMPLETION_INDEX/N); the same options give the same parts.")
  Shard shard = Shard.ALL;

  @Option(names = "--spark", paramLabel = "MASTER",
      description = "Train on Apache Spark, each run one task: spark://host:7077, local[4], ... "
          + "(the launcher builds module sweep-spark on first use).")
  String sparkMaster;

  @Option(names = "--spark-logs", paramLabel = "shared|copy", defaultValue = "copy",
      description = "With --spark: 'shared' if --logdir is on storage every executor sees (tasks write there, "
          + "TensorBoard watches live); 'copy' (default) if not: each task writes on its executor's disk and the "
          + "finished run comes back to --logdir here, checked whole.")
  String sparkLogs;

  @Option(names = "--no-tracking", description = "Train and evaluate without logging (to measure logging's cost).")
  boolean noTracking;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines",
      description = "How to show progress: bar (a bar redrawn in place, for a terminal), lines (one line per run"
          + " start, epoch and finish: for CI, a log file or | tee) or auto: bar on a terminal, else lines"
          + " (default: ${DEFAULT-VALUE}).")
  ProgressStyle progressStyle;

  /** The ways {@code --progress} takes. */
  enum ProgressStyle {
    auto, bar, lines;

    /** The style to use: {@code auto} resolved by whether the output is a terminal. */
    ProgressStyle resolve(boolean terminal) {
      return this != auto ? this : terminal ? bar : lines;
    }
  }

  private final PrintStream out;

  public SweepCommand() {
    this(System.out);
  }

  SweepCommand(PrintStream out) {
    this.out = out;
  }

  /** The scheme names, for --help. */
  static final class SchemeNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return InitScheme.all().stream().map(InitScheme::name).iterator();
    }
  }

  /** Parses --shard with {@link Shard#parse}, whose message says what is wrong. */
  static final class ShardConverter implements picocli.CommandLine.ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
      try {
        return Shard.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    List<InitScheme> chosen =
        schemes == null ? InitScheme.all() : schemes.stream().map(String::strip).map(InitScheme::byName).toList();
    int cpus = Runtime.getRuntime().availableProcessors();
    int runsAtOnce = parallel != null ? parallel : cpus;
    warnAboutThreads(runsAtOnce);
    Sweep whole = Sweep.of(chosen, seeds, epochs, batch, learningRate, logRoot, runsAtOnce);
    Sweep sweep = whole.ifExists(overwrite ? IfExists.OVERWRITE : IfExists.FAIL).shard(shard);
    if (sweep.runs().isEmpty()) {
      out.printf("sweep: shard %s has no runs (the sweep has only %d); nothing to do%n",
          shard, whole.runs().size());
      return 0;
    }
    if (!noTracking && !overwrite) {
      refuseExistingRuns(sweep);
    }

    FashionMnistLoader loader = FashionMnistLoader.standard();
    // with --spark the executors load the same files, shipped from where this machine found them
    Path dataFound = sparkMaster == null ? dataDir : dataDir != null ? dataDir : loader.locate();
    FashionMnistData all = dataFound != null ? loader.load(dataFound) : loader.load();
    FashionMnistSplits data = StudyData.splits(all, subset);
    long iterationsPerRun = (long) epochs * ((data.train().size() + batch - 1) / batch);
    if (shard.count() > 1) {
      out.printf("sweep: shard %s: %s%n", shard,
          String.join(", ", sweep.runs().stream().map(RunSpec::runName).toList()));
    }
    out.printf("sweep: %d run(s), %s, %d epochs, %d train / %d validation / %d test images -> %s%n",
        sweep.runs().size(),
        sparkMaster == null ? Math.min(runsAtOnce, sweep.runs().size()) + " at a time" : "on Spark " + sparkMaster,
        epochs,
        data.train().size(), data.validation().size(), data.test().size(), logRoot.toAbsolutePath());
    long start = System.nanoTime();
    List<RunResult> results;
    // only System.out can be the terminal the JVM's console stands for
    boolean terminal = out == System.out && ConsoleProgress.isTerminal();
    try (ProgressDisplay progress = progressStyle.resolve(terminal) == ProgressStyle.bar
        ? new ConsoleProgress(out, iterationsPerRun * sweep.runs().size())
        : new LineProgress(out, sweep.runs().size())) {
      results = sparkMaster == null
          ? sweep.run(data, !noTracking, progress)
          : SweepBackend.named("spark").run(request(chosen, dataFound), progress);
    }
    out.println();
    out.print(ResultsTable.format(results));
    out.printf("sweep done in %s%s%n", ConsoleProgress.format(Duration.ofNanos(System.nanoTime() - start)),
        noTracking ? "" : "; view it with: tensorboard --logdir " + logRoot + "   or   ./dltrack report " + logRoot);
    return 0;
  }

  private SweepRequest request(List<InitScheme> chosen, Path data) {
    if (!sparkLogs.equals("shared") && !sparkLogs.equals("copy")) {
      throw new IllegalArgumentException("--spark-logs must be 'shared' or 'copy': '" + sparkLogs + "'");
    }
    return new SweepRequest(chosen.stream().map(InitScheme::name).toList(), seeds, epochs, batch, learningRate,
        logRoot.toString(), 1, shard.index(), shard.count(), data.toAbsolutePath().toString(), subset,
        !noTracking, overwrite ? IfExists.OVERWRITE : IfExists.FAIL, java.util.Map.of("master", sparkMaster, "logs", sparkLogs));
  }

  /**
   * Before any training: a run of the same name already in the log root would be appended to or
   * lost, so the sweep starts only when told what to do with them.
   */
  private void refuseExistingRuns(Sweep sweep) throws java.io.IOException {
    List<String> existing = sweep.existingRuns();
    if (!existing.isEmpty()) {
      throw new IllegalArgumentException(
          logRoot + " already holds " + existing.size() + " of this sweep's runs ("
              + String.join(", ", existing.subList(0, Math.min(5, existing.size())))
              + (existing.size() > 5 ? ", ..." : "")
              + "): pass --overwrite to replace them, or --logdir to write the sweep elsewhere");
    }
  }

  private void warnAboutThreads(int runsAtOnce) {
    String omp = System.getenv("OMP_NUM_THREADS");
    if (runsAtOnce > 1 && !"1".equals(omp)) {
      out.printf("warning: OMP_NUM_THREADS is %s; with %d runs at once each should use one thread "
          + "(the ./dltrack launcher sets OMP_NUM_THREADS=1)%n", omp == null ? "unset" : omp, runsAtOnce);
    }
  }
}
