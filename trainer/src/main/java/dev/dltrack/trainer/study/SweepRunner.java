package dev.dltrack.trainer.study;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.RunExistsException;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link SweepRequest} as {@code dltrack sweep} does: refuses runs that exist unless told
 * otherwise, loads the data, trains every run of the request's shard on this machine or on its
 * {@link SweepBackend}, and shows progress on {@code out} as it goes.
 */
public final class SweepRunner {
  /** How progress is shown. */
  public enum Progress {
    /** A bar redrawn in place, for a terminal. */
    BAR,
    /** One line per run start, epoch and finish: for a log file or a pipe. */
    LINES
  }

  private final PrintStream out;
  private final Progress progress;

  /** A runner that shows progress on {@code out} as {@code progress}. */
  public SweepRunner(PrintStream out, Progress progress) {
    this.out = requireNonNull(out, "out");
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Trains every run of {@code request}'s shard; the results are in the sweep's order, failed runs
   * included as {@code FAILURE} with their reason. An empty shard trains nothing and says so.
   *
   * @throws RunExistsException before anything is trained, when the request refuses runs that
   *     already exist ({@link IfExists#FAIL}, with tracking)
   */
  public List<RunResult> run(SweepRequest request) throws Exception {
    Sweep whole = request.whole(request.logRoot());
    Sweep sweep = whole.shard(request.shard());
    Shard shard = request.shard();
    boolean local = request.backend() == null;
    if (local) {
      warnAboutThreads(request.parallel());
    }
    if (sweep.runs().isEmpty()) {
      out.printf(
          "sweep: shard %s has no runs (the sweep has only %d); nothing to do%n",
          shard, whole.runs().size());
      return List.of();
    }
    if (request.tracking() && request.ifExists() == IfExists.FAIL) {
      sweep.refuseExistingRuns(
          "resume or overwrite them (SweepRequest.Builder.ifExists), or write the sweep to"
              + " another log root");
    }

    FashionMnistLoader loader = FashionMnistLoader.standard();
    Path dataDir = request.dataDir() == null ? null : Path.of(request.dataDir());
    // on a backend the executors load the same files, shipped from where this machine found them
    Path dataFound = local || dataDir != null ? dataDir : loader.locate();
    FashionMnistData all = dataFound != null ? loader.load(dataFound) : loader.load();
    FashionMnistSplits data = StudyData.splits(all, request.subset());
    long iterationsPerRun =
        (long) request.epochs() * ((data.train().size() + request.batch() - 1) / request.batch());
    if (shard.count() > 1) {
      out.printf(
          "sweep: shard %s: %s%n",
          shard, String.join(", ", sweep.runs().stream().map(RunSpec::runName).toList()));
    }
    out.printf(
        Locale.ROOT,
        "sweep: %d run(s), %s, %d epochs, %d train / %d validation / %d test images -> %s%n",
        sweep.runs().size(),
        local
            ? Math.min(request.parallel(), sweep.runs().size()) + " at a time"
            : "on " + backendName(request),
        request.epochs(),
        data.train().size(),
        data.validation().size(),
        data.test().size(),
        LogStores.isStore(request.logRoot())
            ? request.logRoot()
            : Path.of(request.logRoot()).toAbsolutePath());
    try (ProgressDisplay display =
        progress == Progress.BAR
            ? new ConsoleProgress(out, iterationsPerRun * sweep.runs().size())
            : new LineProgress(out, sweep.runs().size())) {
      return local
          ? sweep.run(data, request.tracking(), display)
          : SweepBackend.named(request.backend())
              .run(request.toBuilder().dataDir(dataFound.toAbsolutePath()).build(), display);
    }
  }

  /** {@code Spark spark://host:7077}: the backend and its master, as the header line names them. */
  private static String backendName(SweepRequest request) {
    String name =
        request.backend().substring(0, 1).toUpperCase(Locale.ROOT) + request.backend().substring(1);
    String master = request.option("master", "");
    return master.isEmpty() ? name : name + " " + master;
  }

  private void warnAboutThreads(int runsAtOnce) {
    String omp = System.getenv("OMP_NUM_THREADS");
    if (runsAtOnce > 1 && !"1".equals(omp)) {
      out.printf(
          "warning: OMP_NUM_THREADS is %s; with %d runs at once each should use one thread "
              + "(the ./dltrack launcher sets OMP_NUM_THREADS=1)%n",
          omp == null ? "unset" : omp, runsAtOnce);
    }
  }
}
