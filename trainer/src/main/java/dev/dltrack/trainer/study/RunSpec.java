package dev.dltrack.trainer.study;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the study: a scheme and a seed, trained for {@code epochs} epochs with minibatches of
 * {@code batch} and Adam at {@code learningRate}, logged as {@code runName} under {@code logRoot}.
 *
 * @param logRoot a local directory or a store's URI ({@code s3://bucket/logs}), as {@link
 *     dev.dltrack.tracker.Run.Builder#logRoot(String)} takes it
 * @param ifExists what to do when {@code logRoot} already holds a run of that name: as for {@link
 *     dev.dltrack.tracker.Run.Builder#ifExists}, refused unless told otherwise
 * @param runOptions the run's output-format options, as {@link
 *     dev.dltrack.tracker.Run.Builder#option} takes them (the sweep's {@code wandb.project} and
 *     {@code wandb.entity}); none unless told otherwise, which leaves each format its defaults
 * @param lockOwner the logical writer of the run on a store (empty for none), as for {@link
 *     dev.dltrack.tracker.Run.Builder#lockOwner}: a Spark task's retry takes over its lock
 */
public record RunSpec(
    InitScheme scheme,
    long seed,
    int epochs,
    int batch,
    double learningRate,
    String runName,
    String logRoot,
    IfExists ifExists,
    Map<String, String> runOptions,
    String lockOwner) {
  public RunSpec {
    requireNonNull(scheme, "scheme");
    checkArgument(epochs >= 1, "epochs must be >= 1: %s", epochs);
    checkArgument(batch >= 1, "batch must be >= 1: %s", batch);
    checkArgument(learningRate > 0, "learning rate must be > 0: %s", learningRate);
    requireNonNull(runName, "runName");
    requireNonNull(logRoot, "logRoot");
    requireNonNull(ifExists, "ifExists");
    runOptions = Map.copyOf(requireNonNull(runOptions, "runOptions"));
    requireNonNull(lockOwner, "lockOwner");
  }

  /** The run, refused if {@code logRoot} already holds one of that name. */
  public RunSpec(
      InitScheme scheme,
      long seed,
      int epochs,
      int batch,
      double learningRate,
      String runName,
      String logRoot) {
    this(scheme, seed, epochs, batch, learningRate, runName, logRoot, IfExists.FAIL, Map.of(), "");
  }

  /** The run in a local log root, refused if it already holds one of that name. */
  public RunSpec(
      InitScheme scheme,
      long seed,
      int epochs,
      int batch,
      double learningRate,
      String runName,
      Path logRoot) {
    this(scheme, seed, epochs, batch, learningRate, runName, logRoot.toString());
  }

  /** The same run, with {@code policy} for an existing run of its name. */
  public RunSpec ifExists(IfExists policy) {
    return new RunSpec(
        scheme, seed, epochs, batch, learningRate, runName, logRoot, policy, runOptions, lockOwner);
  }

  /** The same run, with {@code options} (copied) as its output-format options. */
  public RunSpec runOptions(Map<String, String> options) {
    return new RunSpec(
        scheme, seed, epochs, batch, learningRate, runName, logRoot, ifExists, options, lockOwner);
  }

  /** The same run, written by the logical writer {@code owner} (see {@link #lockOwner()}). */
  public RunSpec lockOwner(String owner) {
    return new RunSpec(
        scheme, seed, epochs, batch, learningRate, runName, logRoot, ifExists, runOptions, owner);
  }
}
