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
 * @param ifExists what to do when {@code logRoot} already holds a run of that name: as for {@link
 *     dev.dltrack.tracker.Run.Builder#ifExists}, refused unless told otherwise
 * @param runOptions the run's output-format options, as {@link
 *     dev.dltrack.tracker.Run.Builder#option} takes them (the sweep's {@code wandb.project} and
 *     {@code wandb.entity}); none unless told otherwise, which leaves each format its defaults
 */
public record RunSpec(
    InitScheme scheme,
    long seed,
    int epochs,
    int batch,
    double learningRate,
    String runName,
    Path logRoot,
    IfExists ifExists,
    Map<String, String> runOptions) {
  public RunSpec {
    requireNonNull(scheme, "scheme");
    checkArgument(epochs >= 1, "epochs must be >= 1: %s", epochs);
    checkArgument(batch >= 1, "batch must be >= 1: %s", batch);
    checkArgument(learningRate > 0, "learning rate must be > 0: %s", learningRate);
    requireNonNull(runName, "runName");
    requireNonNull(logRoot, "logRoot");
    requireNonNull(ifExists, "ifExists");
    runOptions = Map.copyOf(requireNonNull(runOptions, "runOptions"));
  }

  /** The run, refused if {@code logRoot} already holds one of that name. */
  public RunSpec(
      InitScheme scheme,
      long seed,
      int epochs,
      int batch,
      double learningRate,
      String runName,
      Path logRoot) {
    this(scheme, seed, epochs, batch, learningRate, runName, logRoot, IfExists.FAIL);
  }

  /** The run, with {@code ifExists} for an existing run of its name and no run options. */
  public RunSpec(
      InitScheme scheme,
      long seed,
      int epochs,
      int batch,
      double learningRate,
      String runName,
      Path logRoot,
      IfExists ifExists) {
    this(scheme, seed, epochs, batch, learningRate, runName, logRoot, ifExists, Map.of());
  }

  /** The same run, with {@code policy} for an existing run of its name. */
  public RunSpec ifExists(IfExists policy) {
    return new RunSpec(
        scheme, seed, epochs, batch, learningRate, runName, logRoot, policy, runOptions);
  }

  /** The same run, with {@code options} (copied) as its output-format options. */
  public RunSpec runOptions(Map<String, String> options) {
    return new RunSpec(
        scheme, seed, epochs, batch, learningRate, runName, logRoot, ifExists, options);
  }
}
