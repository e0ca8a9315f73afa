package dev.dltrack.cli;

import dev.dltrack.compare.PairDeclaration;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.trainer.init.InitScheme;
import dev.dltrack.trainer.study.ConsoleProgress;
import dev.dltrack.trainer.study.ResultsTable;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.Shard;
import dev.dltrack.trainer.study.Sweep;
import dev.dltrack.trainer.study.SweepRequest;
import dev.dltrack.trainer.study.SweepRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dltrack sweep}: the weight-initialization study, every scheme a named run. Its options
 * make a {@link SweepRequest}, which {@link SweepRunner} runs; when the sweep runs the pair of
 * schemes the study's article could not tell apart, it declares that pair in the log root for
 * {@code compare} ({@link PairDeclaration}).
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Train the study's MLP on FashionMNIST under every initialization scheme (or --schemes), "
          + "each scheme and seed a named run in the log directory; then print a table of results.",
      "View the runs with: tensorboard --logdir <logdir>, or ./dltrack compare / report."
    })
final class SweepCommand implements Callable<Integer> {
  @Option(
      names = "--schemes",
      split = ",",
      paramLabel = "NAME",
      description = "Schemes to run, comma-separated (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = SchemeNames.class)
  List<String> schemes;

  @Option(
      names = "--seeds",
      defaultValue = "" + SweepRequest.DEFAULT_SEEDS,
      description =
          "Seeds per scheme: 1..N (default: ${DEFAULT-VALUE}). With N > 1 runs are named <scheme>-s<seed>.")
  int seeds;

  @Option(
      names = "--epochs",
      defaultValue = "" + SweepRequest.DEFAULT_EPOCHS,
      description = "Epochs per run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch",
      defaultValue = "" + SweepRequest.DEFAULT_BATCH,
      description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--lr",
      defaultValue = "0.001",
      description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--logdir",
      defaultValue = SweepRequest.DEFAULT_LOG_ROOT,
      description =
          "Log root: a directory, or a store's URI (s3://bucket/logs, hdfs://namenode/logs),"
              + " where every run is written straight to the store (default: ${DEFAULT-VALUE}).")
  String logRoot;

  @Option(
      names = "--parallel",
      description = "Runs trained at once (default: the number of CPUs, each run on one thread).")
  Integer parallel;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Directory holding the four FashionMNIST .gz files (default: $FASHION_MNIST_DIR, "
              + "/usr/share/datasets/fashion-mnist, then the user cache).")
  Path dataDir;

  @Option(
      names = "--subset",
      paramLabel = "N",
      description =
          "Train on the first N training images only (validation and test on N/5 each); for quick trials.")
  Integer subset;

  @Option(
      names = "--overwrite",
      description =
          "Replace runs of the same names already in the log directory (by default the sweep refuses to start).")
  boolean overwrite;

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      converter = ShardConverter.class,
      description =
          "Run only part i of n disjoint parts of the sweep, i from 0 to n-1 (a Kubernetes Indexed "
              + "Job: --shard $JOB_COMPLETION_INDEX/N); the same options give the same parts.")
  Shard shard = Shard.ALL;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description =
          "Train on Apache Spark, each run one task: spark://host:7077, local[4], ... "
              + "(the launcher builds module sweep-spark on first use).")
  String sparkMaster;

  @Option(
      names = "--spark-logs",
      paramLabel = "shared|copy",
      description =
          "With --spark and a --logdir on a file system: 'shared' if it is storage every executor"
              + " sees (tasks write there, TensorBoard watches live); 'copy' (default) if not: each"
              + " task writes on its executor's disk and the finished run comes back to --logdir"
              + " here, checked whole. With a store's --logdir (s3://, hdfs://) every task writes"
              + " its run straight to the store; leave this out.")
  String sparkLogs;

  @Option(
      names = "--wandb-project",
      paramLabel = "P",
      description =
          "The W&B project each run is synced to by 'wandb sync' (default: $WANDB_PROJECT, else the"
              + " account's default).")
  String wandbProject;

  @Option(
      names = "--wandb-entity",
      paramLabel = "E",
      description =
          "The W&B entity (user or team) of each run (default: $WANDB_ENTITY, else the account's"
              + " default).")
  String wandbEntity;

  @Option(
      names = "--no-tracking",
      description = "Train and evaluate without logging (to measure logging's cost).")
  boolean noTracking;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      paramLabel = "auto|bar|lines",
      description =
          "How to show progress: bar (a bar redrawn in place, for a terminal), lines (one line per run"
              + " start, epoch and finish: for CI, a log file or | tee) or auto: bar on a terminal, else lines"
              + " (default: ${DEFAULT-VALUE}).")
  ProgressStyle progressStyle;

  /** The ways {@code --progress} takes. */
  enum ProgressStyle {
    auto,
    bar,
    lines;

    /** The style to use: {@code auto} resolved by whether the output is a terminal. */
    SweepRunner.Progress resolve(boolean terminal) {
      return this == bar || (this == auto && terminal)
          ? SweepRunner.Progress.BAR
          : SweepRunner.Progress.LINES;
    }
  }

  private final PrintStream out;

  SweepCommand() {
    this(System.out);
  }

  SweepCommand(PrintStream out) {
    this.out = out;
  }

  /** The scheme names, for --help. */
  static final class SchemeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return InitScheme.all().stream().map(InitScheme::name).iterator();
    }
  }

  /** Parses --shard with {@link Shard#parse}, whose message says what is wrong. */
  static final class ShardConverter implements ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
      try {
        return Shard.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The request these options make. */
  SweepRequest request() {
    SweepRequest.Builder request =
        SweepRequest.builder()
            .seeds(seeds)
            .epochs(epochs)
            .batch(batch)
            .learningRate(learningRate)
            .logRoot(logRoot)
            .parallel(parallel != null ? parallel : Runtime.getRuntime().availableProcessors())
            .shard(shard)
            .dataDir(dataDir)
            .subset(subset)
            .tracking(!noTracking)
            .ifExists(overwrite ? IfExists.OVERWRITE : IfExists.FAIL)
            .wandbProject(wandbProject)
            .wandbEntity(wandbEntity);
    if (schemes != null) {
      request.schemes(schemes);
    }
    if (sparkMaster != null) {
      String logs = sparkLogs != null ? sparkLogs : LogStores.isStore(logRoot) ? "store" : "copy";
      if (LogStores.isStore(logRoot) && !logs.equals("store")) {
        throw new IllegalArgumentException(
            "--spark-logs "
                + logs
                + " is for a --logdir on a file system; "
                + logRoot
                + " is a store, which every executor writes to directly: leave --spark-logs out");
      }
      if (!LogStores.isStore(logRoot) && !logs.equals("shared") && !logs.equals("copy")) {
        throw new IllegalArgumentException(
            "--spark-logs must be 'shared' or 'copy': '" + sparkLogs + "'");
      }
      request.backend("spark").option("master", sparkMaster).option("logs", logs);
    }
    return request.build();
  }

  @Override
  public Integer call() throws Exception {
    SweepRequest request = request();
    if (!noTracking && !overwrite) {
      // before any training, in the command's own words: a run of the same name would be lost
      request
          .sweep()
          .refuseExistingRuns(
              "pass --overwrite to replace them, or --logdir to write the sweep elsewhere");
    }
    long start = System.nanoTime();
    // only System.out can be the terminal the JVM's console stands for
    boolean terminal = out == System.out && ConsoleProgress.isTerminal();
    List<RunResult> results = new SweepRunner(out, progressStyle.resolve(terminal)).run(request);
    if (results.isEmpty()) {
      return 0;
    }
    if (!noTracking) {
      declarePair(request.sweep().pairToCompare());
    }
    out.println();
    out.print(ResultsTable.format(results));
    out.printf(
        "sweep done in %s%s%n",
        ConsoleProgress.format(Duration.ofNanos(System.nanoTime() - start)),
        noTracking
            ? ""
            : "; view it with: tensorboard --logdir "
                + logRoot
                + "   or   ./dltrack report "
                + logRoot);
    return 0;
  }

  /** Declares the study's pair in the log root, so that {@code compare} reports it. */
  private void declarePair(Optional<List<String>> pair) throws IOException {
    if (pair.isEmpty()) {
      return;
    }
    PairDeclaration.write(
        logRoot,
        new ComparedPair(pair.get().get(0), pair.get().get(1), Sweep.UNDECIDED_PAIR_REASON));
  }
}
