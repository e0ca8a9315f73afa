package dev.dltrack.sweep.spark;

import dev.dltrack.trainer.study.SweepProgress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.Success$;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The driver's side of the tasks' {@link TaskProgress}: a Spark listener that turns the accumulator
 * values the executors send with each heartbeat, and each task's final ones, into calls on the
 * console's {@link SweepProgress}. Each task's values count from zero, so it keeps what it has
 * already passed on per task attempt; a failed attempt is reported as such, and its retry starts
 * the run again (the console then takes the failed attempt's iterations off its bar).
 *
 * <p>Spark calls a listener from one thread, in the order of events.
 */
final class ProgressRelay extends SparkListener {
  /** The job property that names the run a job trains. */
  static final String RUN_PROPERTY = "dltrack.run";

  private final SweepProgress target;
  private final long iterationsId;
  private final long eventsId;
  private final int maxAttempts;
  private final Map<Integer, String> stageRuns = new HashMap<>();
  private final Map<Long, Seen> seen = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> finished = new ConcurrentHashMap<>();

  /** How much of one task attempt's values has been passed on. */
  private static final class Seen {
    long iterations;
    int events;
    boolean ended;
  }

  ProgressRelay(SweepProgress target, long iterationsId, long eventsId, int maxAttempts) {
    this.target = target;
    this.iterationsId = iterationsId;
    this.eventsId = eventsId;
    this.maxAttempts = maxAttempts;
  }

  /** Completes once the listener has passed on everything of the run's successful task. */
  CompletableFuture<Void> finished(String run) {
    return finished.computeIfAbsent(run, r -> new CompletableFuture<>());
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String run = start.properties() == null ? null : start.properties().getProperty(RUN_PROPERTY);
    if (run != null) {
      for (Object stage : JavaConverters.seqAsJavaList(start.stageIds())) {
        stageRuns.put((Integer) stage, run);
      }
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task :
        JavaConverters.seqAsJavaList(update.accumUpdates())) {
      Seen s = seen.computeIfAbsent((Long) task._1(), id -> new Seen());
      if (!s.ended) {
        pass(s, stageRuns.getOrDefault((Integer) task._2(), ""), task._4());
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    long taskId = end.taskInfo().taskId();
    Seen s = seen.computeIfAbsent(taskId, id -> new Seen());
    String run = stageRuns.get(end.stageId());
    pass(s, run == null ? "" : run, end.taskInfo().accumulables());
    s.ended = true;
    if (run == null) {
      return;
    }
    if (end.reason() == Success$.MODULE$) {
      finished(run).complete(null);
      return;
    }
    int attempt = end.taskInfo().attemptNumber() + 1;
    String why =
        end.reason() instanceof TaskFailedReason failed
            ? failed.toErrorString().lines().findFirst().orElse("")
            : end.reason().toString();
    target.attemptFailed(
        run,
        String.format(
            Locale.ROOT,
            "attempt %d of %d failed on executor %s (%s) after %s: %s",
            attempt,
            maxAttempts,
            end.taskInfo().executorId(),
            end.taskInfo().host(),
            String.format(Locale.ROOT, "%.1f s", end.taskInfo().duration() / 1000.0),
            attempt < maxAttempts ? why + "; Spark retries it" : why));
  }

  private void pass(Seen s, String run, Seq<AccumulableInfo> infos) {
    for (AccumulableInfo info : JavaConverters.seqAsJavaList(infos)) {
      if (info.update().isEmpty()) {
        continue;
      }
      Object value = info.update().get();
      if (info.id() == iterationsId) {
        long now = ((Number) value).longValue();
        for (; s.iterations < now; s.iterations++) {
          target.iterationDone(run);
        }
      } else if (info.id() == eventsId) {
        List<?> events = (List<?>) value;
        for (; s.events < events.size(); s.events++) {
          Object e = events.get(s.events);
          if (e instanceof ProgressEvent.Started started) {
            target.runStarted(started.run(), started.iterations());
          } else if (e instanceof ProgressEvent.Epoch epoch) {
            target.epochDone(
                epoch.run(), epoch.epoch(), epoch.epochs(), epoch.valAccuracy(), epoch.valLoss());
          }
          // Finished: the driver reports the run once its files are in the log root
        }
      }
    }
  }
}
