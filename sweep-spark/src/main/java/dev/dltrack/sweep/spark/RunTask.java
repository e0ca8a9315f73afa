package dev.dltrack.sweep.spark;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.study.RunResult;
import dev.dltrack.trainer.study.RunSpec;
import dev.dltrack.trainer.study.StudyData;
import dev.dltrack.trainer.study.StudyRun;
import dev.dltrack.trainer.study.Sweep;
import dev.dltrack.trainer.study.SweepRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark task: trains run {@code index} of the sweep on the executor, exactly as the plain sweep
 * trains it (the same {@link StudyRun}, data split and experiment), on the data files the driver
 * shipped.
 *
 * <p>Retries: each attempt starts the run anew. With a shared log root the first attempt opens the
 * run with the sweep's {@link IfExists} policy and a retried attempt with {@link
 * IfExists#OVERWRITE}, so that it removes what the failed attempt wrote instead of appending to it
 * (and the run lock keeps a failed attempt that still runs somewhere from writing at the same time:
 * the second opener fails, and Spark retries again). With {@link LogStorage#COPY} each attempt
 * writes into its own temporary directory, deleted when the attempt ends. With {@link
 * LogStorage#STORE} every attempt writes to the store as the logical writer {@code
 * spark:<application>:<run>}, so that a retry takes over the lock a dead attempt left (without
 * waiting out its lease) and, opening with {@link IfExists#OVERWRITE}, replaces what it stored; a
 * failed attempt that still runs loses the lock and stores nothing more. An exception on the last
 * attempt Spark allows is not thrown: the run ends FAILURE with its reason and the sweep goes on.
 */
final class RunTask implements Function<Integer, TaskOutcome> {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(RunTask.class);

  /** Each executor JVM reads and splits the data once, for all its tasks. */
  private static final Map<String, FashionMnistSplits> DATA = new ConcurrentHashMap<>();

  private final SweepRequest request;
  private final LogStorage storage;
  private final int maxAttempts;
  private final LongAccumulator iterations;
  private final CollectionAccumulator<ProgressEvent> events;

  RunTask(
      SweepRequest request,
      LogStorage storage,
      int maxAttempts,
      LongAccumulator iterations,
      CollectionAccumulator<ProgressEvent> events) {
    this.request = request;
    this.storage = storage;
    this.maxAttempts = maxAttempts;
    this.iterations = iterations;
    this.events = events;
  }

  @Override
  public TaskOutcome call(Integer index) throws Exception {
    TaskContext context = TaskContext.get();
    int attempt = context == null ? 0 : context.attemptNumber();
    String name = request.sweep().runs().get(index).runName();
    Path root =
        switch (storage) {
          case SHARED -> Path.of(request.logRoot());
          case COPY -> Files.createTempDirectory("dltrack-" + name + "-attempt" + attempt + "-");
          case STORE -> null;
        };
    try {
      Sweep sweep = root != null ? request.sweep(root) : request.sweep();
      RunSpec spec = sweep.runs().get(index);
      if (storage == LogStorage.STORE) {
        String app = context == null ? "local" : sparkApplication();
        spec = spec.lockOwner("spark:" + app + ":" + name);
      }
      if (attempt > 0 && storage != LogStorage.COPY) {
        spec = spec.ifExists(IfExists.OVERWRITE);
      }
      if (attempt > 0) {
        log.warn(
            "run {}: attempt {} of {} starts anew{}",
            name,
            attempt + 1,
            maxAttempts,
            storage != LogStorage.COPY
                ? ", replacing what the failed attempt wrote in " + request.logRoot()
                : "");
      }
      long start = System.nanoTime();
      RunResult result;
      try {
        result =
            StudyRun.train(
                spec,
                data(),
                sweep.experiment(),
                request.tracking(),
                new TaskProgress(iterations, events));
      } catch (Exception | LinkageError e) {
        if (attempt + 1 < maxAttempts) {
          throw e;
        }
        log.error(
            "run {} failed on its last attempt ({} of {})", name, attempt + 1, maxAttempts, e);
        result =
            new RunResult(
                name,
                spec.scheme().name(),
                spec.seed(),
                Double.NaN,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Duration.ofNanos(System.nanoTime() - start),
                RunStatus.FAILURE,
                String.format(Locale.ROOT, "%s (attempt %d of %d)", e, attempt + 1, maxAttempts));
      }
      RunFiles files = null;
      if (storage == LogStorage.COPY && Files.isDirectory(root.resolve(name))) {
        files = RunFiles.pack(name, root.resolve(name));
      }
      return new TaskOutcome(result, files);
    } finally {
      if (storage == LogStorage.COPY) {
        RunFiles.deleteTree(root);
      }
    }
  }

  /** The Spark application this executor works for, as the driver named it. */
  private static String sparkApplication() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "local" : env.conf().get("spark.app.id", "unknown");
  }

  private FashionMnistSplits data() {
    // every file the driver added lies in the same directory on this executor
    Path dir = Path.of(SparkFiles.getRootDirectory());
    String key = dir + "|" + request.subset();
    return DATA.computeIfAbsent(
        key,
        k -> {
          try {
            return StudyData.splits(FashionMnistLoader.standard().load(dir), request.subset());
          } catch (IOException e) {
            throw new UncheckedIOException(
                "could not read the data files the driver shipped, in " + dir, e);
          }
        });
  }
}
