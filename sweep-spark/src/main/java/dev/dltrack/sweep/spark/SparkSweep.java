package dev.dltrack.sweep.spark;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.trainer.nn.CachingShapeInfoProvider;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.RunSpec;
import dev.dltrack.trainer.study.SweepProgress;
import dev.dltrack.trainer.study.SweepRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The driver of a sweep on Spark: one Spark job of one task per run, all submitted at once (the
 * scheduler runs as many as the executors have task slots), so that a run that fails for good fails
 * only its own job and the others go on.
 *
 * <p>Spark's settings come from {@code spark.*} system properties as usual (e.g. {@code
 * -Dspark.executor.memory=4g}, {@code -Dspark.task.cpus=2}); on top, each executor runs ND4J with
 * {@code OMP_NUM_THREADS} = {@code spark.task.cpus} (one thread per task core), sends heartbeats
 * every 2 s (the progress bar's refresh) and receives the jars of {@link ExecutorJars} and the data
 * files.
 */
public final class SparkSweep {
  /**
   * JavaCPP reads /proc/self/statm on every native allocation unless this is set (native-settings).
   */
  static final String NO_PHYSICAL_MEMORY_CHECK = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

  /** ND4J's shape information made once per shape (native-settings; CachingShapeInfoProvider). */
  static final String SHAPE_CACHE =
      "-Dshapeinfoprovider=" + CachingShapeInfoProvider.class.getName();

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,(\\d+))?])?");

  private final SweepRequest request;
  private final String master;
  private final LogStorage storage;

  private SparkSweep(SweepRequest request, String master, LogStorage storage) {
    this.request = request;
    this.master = master;
    this.storage = storage;
  }

  /**
   * The sweep {@code request} on its option {@code master}, logs as its option {@code logs} says.
   */
  public static SparkSweep of(SweepRequest request) {
    requireNonNull(request, "request");
    String master = request.option("master", null);
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException(
          "--spark needs a master URL, e.g. spark://host:7077 or local[4]");
    }
    if (request.ifExists() == IfExists.RESUME) {
      // a retried attempt must replace what its failed attempt wrote, which would take the resumed
      // run's earlier history with it
      throw new IllegalArgumentException(
          "a sweep on Spark cannot resume existing runs: overwrite them, or write the sweep to"
              + " another log root");
    }
    return new SparkSweep(
        request, master, LogStorage.of(request.logRoot(), request.option("logs", "")));
  }

  /** Trains every run; the results in the sweep's order. */
  public List<RunResult> run(SweepProgress progress) throws IOException, InterruptedException {
    List<RunSpec> runs = request.sweep().runs();
    SparkConf conf =
        new SparkConf().setMaster(master).setAppName("dltrack sweep: " + runs.size() + " runs");
    conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
    // the launcher's JavaCPP setting and ND4J's shape cache (file native-settings) for the
    // executors, which Spark starts: safe on any machine, unlike OpenBLAS's kernels, which depend
    // on each executor's CPU (README)
    String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
    if (!executorOptions.contains("org.bytedeco.javacpp.maxPhysicalBytes")) {
      executorOptions = (executorOptions + " " + NO_PHYSICAL_MEMORY_CHECK).strip();
    }
    if (!executorOptions.contains("-Dshapeinfoprovider=")) {
      executorOptions = (executorOptions + " " + SHAPE_CACHE).strip();
    }
    conf.set("spark.executor.extraJavaOptions", executorOptions);
    int maxAttempts = maxAttempts(master, conf);
    boolean local = LOCAL.matcher(master).matches();
    Path scratch = Files.createTempDirectory("dltrack-spark-");
    try {
      if (!local) {
        conf.setJars(ExecutorJars.forExecutors(scratch).toArray(String[]::new));
      }
      try (JavaSparkContext spark = new JavaSparkContext(conf)) {
        try (Stream<Path> files = Files.list(Path.of(request.dataDir()))) {
          for (Path f : files.filter(f -> f.getFileName().toString().contains("-idx")).toList()) {
            spark.addFile(f.toString());
          }
        }
        LongAccumulator iterations = spark.sc().longAccumulator("dltrack.iterations");
        CollectionAccumulator<ProgressEvent> events =
            spark.sc().collectionAccumulator("dltrack.progress");
        ProgressRelay relay =
            new ProgressRelay(progress, iterations.id(), events.id(), maxAttempts);
        spark.sc().addSparkListener(relay);
        RunTask task = new RunTask(request, storage, maxAttempts, iterations, events);

        ExecutorService jobs = Executors.newFixedThreadPool(Math.min(runs.size(), 64));
        try {
          List<Future<RunResult>> futures = new ArrayList<>();
          for (int k = 0; k < runs.size(); k++) {
            int index = k;
            futures.add(
                jobs.submit(() -> runOne(spark, task, relay, runs.get(index), index, progress)));
          }
          List<RunResult> results = new ArrayList<>();
          for (Future<RunResult> f : futures) {
            try {
              results.add(f.get());
            } catch (ExecutionException e) {
              throw new IllegalStateException("the sweep's driver failed", e.getCause());
            }
          }
          return results;
        } finally {
          jobs.shutdownNow();
        }
      }
    } finally {
      RunFiles.deleteTree(scratch);
    }
  }

  private RunResult runOne(
      JavaSparkContext spark,
      RunTask task,
      ProgressRelay relay,
      RunSpec spec,
      int index,
      SweepProgress progress)
      throws InterruptedException {
    spark.setLocalProperty(ProgressRelay.RUN_PROPERTY, spec.runName());
    spark.setJobDescription("dltrack run " + spec.runName());
    long start = System.nanoTime();
    RunResult result;
    try {
      TaskOutcome outcome = spark.parallelize(List.of(index), 1).map(task).collect().get(0);
      result = outcome.result();
      if (outcome.files() != null) {
        try {
          outcome
              .files()
              .writeInto(Path.of(request.logRoot()), request.ifExists() == IfExists.OVERWRITE);
        } catch (IOException e) {
          result =
              failed(
                  spec,
                  start,
                  "trained, but its files could not be written into "
                      + request.logRoot()
                      + ": "
                      + e.getMessage());
        }
      }
      try {
        // let the listener pass on the run's last epochs before its end is reported
        relay.finished(spec.runName()).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // the progress lines may come out of order; the result is unaffected
      }
    } catch (RuntimeException e) {
      // the job was aborted: the task failed on every attempt Spark allows (e.g. executors lost)
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      result = failed(spec, start, message.lines().findFirst().orElse(message));
    }
    progress.runFinished(result);
    return result;
  }

  private static RunResult failed(RunSpec spec, long startNanos, String why) {
    return new RunResult(
        spec.runName(),
        spec.scheme().name(),
        spec.seed(),
        Double.NaN,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Duration.ofNanos(System.nanoTime() - startNanos),
        RunStatus.FAILURE,
        why);
  }

  /**
   * How many attempts Spark gives a task: local[N, F] says F (1 without it), a cluster
   * spark.task.maxFailures.
   */
  static int maxAttempts(String master, SparkConf conf) {
    Matcher m = LOCAL.matcher(master);
    if (m.matches()) {
      return m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }
    return conf.getInt("spark.task.maxFailures", 4);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SparkSweep[%s, logs %s]", master, storage);
  }
}
