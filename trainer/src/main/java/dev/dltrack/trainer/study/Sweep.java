package dev.dltrack.trainer.study;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunExistsException;
import dev.dltrack.tracker.dl4j.Tags;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Every scheme times every seed, trained {@code parallel} runs at a time, each run a named
 * directory under the log root. Every run declares the same experiment, so TensorBoard's HParams
 * dashboard shows the whole sweep as one table.
 */
public final class Sweep {
  /**
   * The two schemes the study's article could not tell apart ("the comparison is very hard"): what
   * a comparison of a sweep that runs both should also test against each other.
   */
  public static final List<String> UNDECIDED_PAIR = List.of("uniform-rule", "normal-rule");

  /** Why a comparison of the study's runs reports {@link #UNDECIDED_PAIR}, in its words. */
  public static final String UNDECIDED_PAIR_REASON =
      "the pair the study's article could not tell apart";

  private final List<RunSpec> runs;
  private final Experiment experiment;
  private final int parallel;
  private final boolean runsUndecidedPair;

  private Sweep(
      List<RunSpec> runs, Experiment experiment, int parallel, boolean runsUndecidedPair) {
    this.runs = List.copyOf(runs);
    this.experiment = experiment;
    this.parallel = parallel;
    this.runsUndecidedPair = runsUndecidedPair;
  }

  /**
   * The sweep over {@code schemes} and seeds {@code 1..seeds}. Runs are named after the scheme, or
   * {@code <scheme>-s<seed>} when there are several seeds.
   */
  public static Sweep of(
      List<InitScheme> schemes,
      int seeds,
      int epochs,
      int batch,
      double learningRate,
      Path logRoot,
      int parallel) {
    return of(schemes, seeds, epochs, batch, learningRate, logRoot.toString(), parallel);
  }

  /**
   * As {@link #of(List, int, int, int, double, Path, int)}, into {@code logRoot}, a local directory
   * or a store's URI ({@code s3://bucket/logs}).
   */
  public static Sweep of(
      List<InitScheme> schemes,
      int seeds,
      int epochs,
      int batch,
      double learningRate,
      String logRoot,
      int parallel) {
    checkArgument(!schemes.isEmpty(), "a sweep needs at least one scheme");
    checkArgument(seeds >= 1, "seeds must be >= 1: %s", seeds);
    checkArgument(parallel >= 1, "parallel must be >= 1: %s", parallel);
    List<RunSpec> runs = new ArrayList<>();
    for (InitScheme scheme : schemes) {
      for (long seed = 1; seed <= seeds; seed++) {
        String name = seeds == 1 ? scheme.name() : scheme.name() + "-s" + seed;
        runs.add(new RunSpec(scheme, seed, epochs, batch, learningRate, name, logRoot));
      }
    }
    List<String> names = schemes.stream().map(InitScheme::name).toList();
    return new Sweep(runs, experiment(runs), parallel, names.containsAll(UNDECIDED_PAIR));
  }

  /**
   * The HParams table's declaration: the scheme over all the study's schemes (so that sweeps of
   * different subsets into one log root agree), numeric settings over this sweep's range, and the
   * metrics the study compares by.
   */
  static Experiment experiment(List<RunSpec> runs) {
    return Experiment.builder()
        .description("Weight initialization on FashionMNIST: " + StudyModel.DESCRIPTION)
        .hparam("scheme", InitScheme.all().stream().map(InitScheme::name).toList())
        .hparam(
            "seed",
            (double) runs.stream().mapToLong(RunSpec::seed).min().orElse(1),
            (double) runs.stream().mapToLong(RunSpec::seed).max().orElse(1))
        .hparam("lr", runs.get(0).learningRate(), runs.get(0).learningRate())
        .hparam("batch", runs.get(0).batch(), runs.get(0).batch())
        .hparam("epochs", runs.get(0).epochs(), runs.get(0).epochs())
        .metric(Tags.VAL_ACCURACY, "validation accuracy", Experiment.Dataset.VALIDATION)
        .metric(Tags.VAL_LOSS, "validation loss", Experiment.Dataset.VALIDATION)
        .metric(Tags.TEST_ACCURACY, "test accuracy", Experiment.Dataset.UNKNOWN)
        .metric(Tags.TEST_LOSS, "test loss", Experiment.Dataset.UNKNOWN)
        .metric(Tags.TRAIN_ACCURACY, "train accuracy", Experiment.Dataset.TRAINING)
        .metric(Tags.TRAIN_LOSS, "train loss", Experiment.Dataset.TRAINING)
        .build();
  }

  /**
   * Part {@code shard} of this sweep: its runs, trained the same way and declaring the same
   * experiment as the whole sweep (so that TensorBoard and {@code compare} see the collected parts
   * as one study).
   */
  public Sweep shard(Shard shard) {
    return new Sweep(shard.of(runs), experiment, parallel, runsUndecidedPair);
  }

  /**
   * This sweep with {@code policy} for runs that already exist in the log root; by default each is
   * refused (see {@link dev.dltrack.tracker.Run#exists}) before anything is trained over it.
   */
  public Sweep ifExists(IfExists policy) {
    return new Sweep(
        runs.stream().map(r -> r.ifExists(policy)).toList(),
        experiment,
        parallel,
        runsUndecidedPair);
  }

  /**
   * This sweep with {@code options} as every run's output-format options (see {@link
   * RunSpec#runOptions()}), e.g. {@code wandb.project}.
   */
  public Sweep runOptions(Map<String, String> options) {
    return new Sweep(
        runs.stream().map(r -> r.runOptions(options)).toList(),
        experiment,
        parallel,
        runsUndecidedPair);
  }

  /**
   * The runs of this sweep that already exist in their log root, as {@link
   * dev.dltrack.tracker.Run#exists} decides: what {@link IfExists#FAIL} would refuse.
   */
  public List<String> existingRuns() throws IOException {
    return existing(runs);
  }

  /** Those of {@code specs} whose runs exist, asking each log root (a store once) for all. */
  private static List<String> existing(List<RunSpec> specs) throws IOException {
    Map<String, List<String>> byRoot = new LinkedHashMap<>();
    for (RunSpec r : specs) {
      byRoot.computeIfAbsent(r.logRoot(), k -> new ArrayList<>()).add(r.runName());
    }
    List<String> existing = new ArrayList<>();
    for (Map.Entry<String, List<String>> root : byRoot.entrySet()) {
      existing.addAll(Run.existing(root.getKey(), root.getValue()));
    }
    return existing;
  }

  /**
   * Refuses, before anything is trained, the runs of this sweep that already exist and are not to
   * be resumed or overwritten ({@link IfExists#FAIL}): the one check the library, the runner and
   * the command all make, each with its own {@code advice} on what to do.
   *
   * @param advice what the caller can do, ending the message
   * @throws RunExistsException naming the log root and up to five of the runs
   */
  public void refuseExistingRuns(String advice) throws IOException {
    List<String> refused =
        existing(runs.stream().filter(r -> r.ifExists() == IfExists.FAIL).toList());
    if (!refused.isEmpty()) {
      throw new RunExistsException(
          String.format(
              Locale.ROOT,
              "%s already holds %d of this sweep's runs (%s%s): %s",
              runs.get(0).logRoot(),
              refused.size(),
              String.join(", ", refused.subList(0, Math.min(5, refused.size()))),
              refused.size() > 5 ? ", ..." : "",
              advice));
    }
  }

  /**
   * The pair of schemes a comparison of this sweep's runs should test against each other besides
   * the best against the rest: {@link #UNDECIDED_PAIR} when the whole sweep (every shard of it)
   * runs both, else none.
   */
  public Optional<List<String>> pairToCompare() {
    return runsUndecidedPair ? Optional.of(UNDECIDED_PAIR) : Optional.empty();
  }

  public List<RunSpec> runs() {
    return runs;
  }

  /** What every run declares for TensorBoard's HParams dashboard. */
  public Experiment experiment() {
    return experiment;
  }

  public int parallel() {
    return parallel;
  }

  /**
   * Trains every run, {@link #parallel()} at a time; results in the sweep's order. With tracking,
   * runs that already exist and are not to be resumed or overwritten ({@link #ifExists}) are
   * refused first, before anything is trained.
   *
   * @throws RunExistsException naming the runs that exist, when any is refused
   */
  public List<RunResult> run(FashionMnistSplits data, boolean tracking, SweepProgress progress)
      throws IOException, InterruptedException {
    if (tracking) {
      refuseExistingRuns(
          "resume or overwrite them (Sweep.ifExists), or write the sweep to another log root");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, runs.size()), daemons());
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (RunSpec spec : runs) {
        futures.add(pool.submit(() -> StudyRun.train(spec, data, experiment, tracking, progress)));
      }
      List<RunResult> results = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        results.add(get(f));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RunResult get(Future<RunResult> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ThreadFactory daemons() {
    return new ThreadFactoryBuilder().setNameFormat("sweep-%d").setDaemon(true).build();
  }
}
