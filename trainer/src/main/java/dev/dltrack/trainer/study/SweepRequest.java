package dev.dltrack.trainer.study;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.trainer.init.InitScheme;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep in plain values, built with {@link #builder()}: what {@link SweepRunner} runs, and what
 * travels to another JVM (a Spark executor) to be rebuilt there ({@link #sweep()}) into exactly the
 * same runs and experiment. Immutable and serializable.
 *
 * <pre>{@code
 * SweepRequest request = SweepRequest.builder()
 *     .schemes(List.of("zeros", "he-normal")).seeds(5).epochs(10)
 *     .logRoot(Path.of("logs")).ifExists(IfExists.OVERWRITE)
 *     .build();
 * }</pre>
 */
public final class SweepRequest implements Serializable {
  private static final long serialVersionUID = 3L;

  /** Seeds per scheme unless told otherwise: 1. */
  public static final int DEFAULT_SEEDS = 1;

  /** Epochs per run unless told otherwise: 10. */
  public static final int DEFAULT_EPOCHS = 10;

  /** Minibatch size unless told otherwise: 128. */
  public static final int DEFAULT_BATCH = 128;

  /** Adam's learning rate unless told otherwise: 0.001. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The log root unless told otherwise: {@code logs}. */
  public static final String DEFAULT_LOG_ROOT = "logs";

  private final List<String> schemes;
  private final int seeds;
  private final int epochs;
  private final int batch;
  private final double learningRate;
  private final String logRoot;
  private final int parallel;
  private final int shardIndex;
  private final int shardCount;
  private final String dataDir;
  private final Integer subset;
  private final boolean tracking;
  private final IfExists ifExists;
  private final String backend;
  private final Map<String, String> options;
  private final String wandbProject;
  private final String wandbEntity;

  private SweepRequest(Builder b) {
    this.schemes = List.copyOf(b.schemes);
    this.seeds = b.seeds;
    this.epochs = b.epochs;
    this.batch = b.batch;
    this.learningRate = b.learningRate;
    this.logRoot = b.logRoot;
    this.parallel = b.parallel;
    this.shardIndex = b.shard.index();
    this.shardCount = b.shard.count();
    this.dataDir = b.dataDir;
    this.subset = b.subset;
    this.tracking = b.tracking;
    this.ifExists = b.ifExists;
    this.backend = b.backend;
    this.options = Map.copyOf(b.options);
    this.wandbProject = b.wandbProject;
    this.wandbEntity = b.wandbEntity;
  }

  /**
   * A request for the whole study with the defaults above, every scheme, tracked, refusing existing
   * runs.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values, to change some of them. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .schemes(schemes)
            .seeds(seeds)
            .epochs(epochs)
            .batch(batch)
            .learningRate(learningRate)
            .logRoot(logRoot)
            .parallel(parallel)
            .shard(shard())
            .subset(subset)
            .tracking(tracking)
            .ifExists(ifExists)
            .backend(backend)
            .wandbProject(wandbProject)
            .wandbEntity(wandbEntity);
    b.dataDir = dataDir;
    options.forEach(b::option);
    return b;
  }

  /** Builds a {@link SweepRequest}; every setter checks its value at once. */
  public static final class Builder {
    private List<String> schemes = InitScheme.all().stream().map(InitScheme::name).toList();
    private int seeds = DEFAULT_SEEDS;
    private int epochs = DEFAULT_EPOCHS;
    private int batch = DEFAULT_BATCH;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private String logRoot = DEFAULT_LOG_ROOT;
    private int parallel = 1;
    private Shard shard = Shard.ALL;
    private String dataDir;
    private Integer subset;
    private boolean tracking = true;
    private IfExists ifExists = IfExists.FAIL;
    private String backend;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String wandbProject;
    private String wandbEntity;

    private Builder() {}

    /** The schemes to run, by name (see {@link InitScheme#byName}); default all of them. */
    public Builder schemes(List<String> names) {
      List<String> stripped = names.stream().map(String::strip).toList();
      checkArgument(!stripped.isEmpty(), "a sweep needs at least one scheme");
      stripped.forEach(InitScheme::byName);
      this.schemes = stripped;
      return this;
    }

    /** Seeds per scheme, 1..n (default {@value SweepRequest#DEFAULT_SEEDS}). */
    public Builder seeds(int seeds) {
      checkArgument(seeds >= 1, "seeds must be >= 1: %s", seeds);
      this.seeds = seeds;
      return this;
    }

    /** Epochs per run (default {@value SweepRequest#DEFAULT_EPOCHS}). */
    public Builder epochs(int epochs) {
      checkArgument(epochs >= 1, "epochs must be >= 1: %s", epochs);
      this.epochs = epochs;
      return this;
    }

    /** Minibatch size (default {@value SweepRequest#DEFAULT_BATCH}). */
    public Builder batch(int batch) {
      checkArgument(batch >= 1, "batch must be >= 1: %s", batch);
      this.batch = batch;
      return this;
    }

    /** Adam's learning rate (default {@value SweepRequest#DEFAULT_LEARNING_RATE}). */
    public Builder learningRate(double learningRate) {
      checkArgument(learningRate > 0, "learning rate must be > 0: %s", learningRate);
      this.learningRate = learningRate;
      return this;
    }

    /** The log root the runs are written under (default {@value SweepRequest#DEFAULT_LOG_ROOT}). */
    public Builder logRoot(Path logRoot) {
      this.logRoot = requireNonNull(logRoot, "logRoot").toString();
      return this;
    }

    /**
     * The log root the runs are written under: a local directory, or a store's URI ({@code
     * s3://bucket/logs}, {@code hdfs://namenode/logs}) with the module that serves it on the class
     * path.
     *
     * @throws IllegalArgumentException if it is a malformed URI
     */
    public Builder logRoot(String logRoot) {
      requireNonNull(logRoot, "logRoot");
      if (LogStores.isStore(logRoot)) {
        LogStores.toUri(logRoot);
      }
      this.logRoot = logRoot;
      return this;
    }

    /** Runs trained at once on this machine (default 1). */
    public Builder parallel(int parallel) {
      checkArgument(parallel >= 1, "parallel must be >= 1: %s", parallel);
      this.parallel = parallel;
      return this;
    }

    /** Only part {@code shard} of the sweep (default {@link Shard#ALL}). */
    public Builder shard(Shard shard) {
      this.shard = requireNonNull(shard, "shard");
      return this;
    }

    /** Where the data files are; default: where {@code FashionMnistLoader} finds them. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath().toString();
      return this;
    }

    /** Train on the first {@code subset} training images only, or null for all (the default). */
    public Builder subset(Integer subset) {
      checkArgument(subset == null || subset >= 1, "subset must be >= 1: %s", subset);
      this.subset = subset;
      return this;
    }

    /** Whether the runs are logged (default true); false trains and evaluates only. */
    public Builder tracking(boolean tracking) {
      this.tracking = tracking;
      return this;
    }

    /** What to do with runs that already exist in the log root (default {@link IfExists#FAIL}). */
    public Builder ifExists(IfExists ifExists) {
      this.ifExists = requireNonNull(ifExists, "ifExists");
      return this;
    }

    /**
     * The {@link SweepBackend} that trains the runs, by name (e.g. {@code spark}), or null to train
     * them on this machine (the default).
     */
    public Builder backend(String backend) {
      checkArgument(backend == null || !backend.isBlank(), "a backend needs a name");
      this.backend = backend;
      return this;
    }

    /** A backend's own option, e.g. Spark's {@code master}. */
    public Builder option(String key, String value) {
      options.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * The W&amp;B project every run is synced to ({@code wandb.project}), or null (the default) to
     * leave it to {@code WANDB_PROJECT}, as the run does by itself.
     */
    public Builder wandbProject(String project) {
      this.wandbProject = project;
      return this;
    }

    /**
     * The W&amp;B entity (user or team) of every run ({@code wandb.entity}), or null (the default)
     * to leave it to {@code WANDB_ENTITY}.
     */
    public Builder wandbEntity(String entity) {
      this.wandbEntity = entity;
      return this;
    }

    public SweepRequest build() {
      return new SweepRequest(this);
    }
  }

  public List<String> schemes() {
    return schemes;
  }

  public int seeds() {
    return seeds;
  }

  public int epochs() {
    return epochs;
  }

  public int batch() {
    return batch;
  }

  public double learningRate() {
    return learningRate;
  }

  public String logRoot() {
    return logRoot;
  }

  public int parallel() {
    return parallel;
  }

  public Shard shard() {
    return new Shard(shardIndex, shardCount);
  }

  /** Where the data files are, or null for where the loader finds them. */
  public String dataDir() {
    return dataDir;
  }

  /** The training images used, or null for all. */
  public Integer subset() {
    return subset;
  }

  public boolean tracking() {
    return tracking;
  }

  public IfExists ifExists() {
    return ifExists;
  }

  /** The backend's name, or null to train on this machine. */
  public String backend() {
    return backend;
  }

  /** A backend option, or {@code fallback}. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  /** The W&amp;B project of every run, or null to leave it to {@code WANDB_PROJECT}. */
  public String wandbProject() {
    return wandbProject;
  }

  /** The W&amp;B entity of every run, or null to leave it to {@code WANDB_ENTITY}. */
  public String wandbEntity() {
    return wandbEntity;
  }

  /**
   * The options every run is opened with ({@code Run.Builder.option}): {@code wandb.project} and
   * {@code wandb.entity} where given, nothing else, so that the runs' own defaults hold otherwise.
   */
  public Map<String, String> runOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    if (wandbProject != null) {
      o.put("wandb.project", wandbProject);
    }
    if (wandbEntity != null) {
      o.put("wandb.entity", wandbEntity);
    }
    return Map.copyOf(o);
  }

  /** The whole sweep, every shard's runs, under {@code root}. */
  Sweep whole(String root) {
    return Sweep.of(
            schemes.stream().map(InitScheme::byName).toList(),
            seeds,
            epochs,
            batch,
            learningRate,
            root,
            parallel)
        .ifExists(ifExists)
        .runOptions(runOptions());
  }

  /** The sweep (this part of it, for a shard) these values describe. */
  public Sweep sweep() {
    return whole(logRoot).shard(shard());
  }

  /** The same sweep, logging under {@code root} instead (an executor's local disk). */
  public Sweep sweep(Path root) {
    return whole(root.toString()).shard(shard());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SweepRequest r
        && schemes.equals(r.schemes)
        && seeds == r.seeds
        && epochs == r.epochs
        && batch == r.batch
        && Double.compare(learningRate, r.learningRate) == 0
        && logRoot.equals(r.logRoot)
        && parallel == r.parallel
        && shardIndex == r.shardIndex
        && shardCount == r.shardCount
        && Objects.equals(dataDir, r.dataDir)
        && Objects.equals(subset, r.subset)
        && tracking == r.tracking
        && ifExists == r.ifExists
        && Objects.equals(backend, r.backend)
        && options.equals(r.options)
        && Objects.equals(wandbProject, r.wandbProject)
        && Objects.equals(wandbEntity, r.wandbEntity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        schemes,
        seeds,
        epochs,
        batch,
        learningRate,
        logRoot,
        parallel,
        shardIndex,
        shardCount,
        dataDir,
        subset,
        tracking,
        ifExists,
        backend,
        options,
        wandbProject,
        wandbEntity);
  }

  @Override
  public String toString() {
    return "SweepRequest[schemes="
        + schemes
        + ", seeds="
        + seeds
        + ", epochs="
        + epochs
        + ", batch="
        + batch
        + ", learningRate="
        + learningRate
        + ", logRoot="
        + logRoot
        + ", parallel="
        + parallel
        + ", shard="
        + shard()
        + ", dataDir="
        + dataDir
        + ", subset="
        + subset
        + ", tracking="
        + tracking
        + ", ifExists="
        + ifExists
        + ", backend="
        + backend
        + ", options="
        + options
        + ", wandbProject="
        + wandbProject
        + ", wandbEntity="
        + wandbEntity
        + "]";
  }
}
