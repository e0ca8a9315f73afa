package dev.dltrack.trainer.study;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.trainer.init.InitScheme;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep as the command line gave it, in plain values, so that it can travel to another JVM and
 * be rebuilt there ({@link #sweep()}) into exactly the same runs and experiment.
 *
 * @param dataDir where the data files are (the driver found them), or null
 * @param subset the {@code --subset}, or null
 * @param ifExists what to do with runs that already exist in the log root
 * @param options the backend's own options, e.g. {@code master}
 */
public record SweepRequest(
    List<String> schemes,
    int seeds,
    int epochs,
    int batch,
    double learningRate,
    String logRoot,
    int parallel,
    int shardIndex,
    int shardCount,
    String dataDir,
    Integer subset,
    boolean tracking,
    IfExists ifExists,
    Map<String, String> options)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepRequest {
    schemes = List.copyOf(schemes);
    checkArgument(!schemes.isEmpty(), "a sweep needs at least one scheme");
    requireNonNull(logRoot, "logRoot");
    requireNonNull(ifExists, "ifExists");
    options = Map.copyOf(options);
  }

  /** The sweep (this part of it, for a shard) these values describe. */
  public Sweep sweep() {
    return sweep(Path.of(logRoot));
  }

  /** The same sweep, logging under {@code root} instead (an executor's local disk). */
  public Sweep sweep(Path root) {
    return Sweep.of(schemes.stream().map(InitScheme::byName).toList(), seeds, epochs, batch, learningRate,
            root, parallel)
        .ifExists(ifExists)
        .shard(new Shard(shardIndex, shardCount));
  }

  /** A backend option, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
