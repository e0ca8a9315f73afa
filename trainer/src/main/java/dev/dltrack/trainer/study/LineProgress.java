package dev.dltrack.trainer.study;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep's progress as plain lines, one per event (a run started, an epoch ended, a run finished),
 * for output that is not a terminal: a CI log, a file, {@code | tee}. Unlike {@link
 * ConsoleProgress} it never rewrites a line, so a log holds no carriage returns or escape codes.
 */
public final class LineProgress implements ProgressDisplay {
  private final PrintStream out;
  private final int totalRuns;
  private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
  private int finishedRuns;

  /** Progress of a sweep of {@code totalRuns} runs, printed to {@code out}. */
  public LineProgress(PrintStream out, int totalRuns) {
    this.out = requireNonNull(out, "out");
    this.totalRuns = totalRuns;
  }

  @Override
  public void runStarted(String run, long iterations) {
    startNanos.put(run, System.nanoTime());
    line(String.format(Locale.ROOT, "%-16s started: %,d iterations", run, iterations));
  }

  @Override
  public void epochDone(String run, int epoch, int epochs, double valAccuracy, double valLoss) {
    line(epochLine(run, epoch, epochs, valAccuracy, valLoss, elapsed(run)));
  }

  @Override
  public void attemptFailed(String run, String why) {
    line(String.format(Locale.ROOT, "%-16s %s", run, why));
  }

  @Override
  public void runFinished(RunResult r) {
    int done;
    synchronized (this) {
      done = ++finishedRuns;
    }
    line(finishedLine(r) + String.format(Locale.ROOT, " (%d/%d runs done)", done, totalRuns));
  }

  private Duration elapsed(String run) {
    Long start = startNanos.get(run);
    return start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
  }

  private synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  /** An epoch's line: validation accuracy and loss, the run's time so far and its ETA. */
  static String epochLine(
      String run, int epoch, int epochs, double valAccuracy, double valLoss, Duration elapsed) {
    Duration eta = elapsed.multipliedBy(epochs - epoch).dividedBy(Math.max(1, epoch));
    return String.format(
        Locale.ROOT,
        "%-16s epoch %2d/%d  val acc %.4f  val loss %.4f  %s elapsed, ETA %s",
        run,
        epoch,
        epochs,
        valAccuracy,
        valLoss,
        ConsoleProgress.format(elapsed),
        ConsoleProgress.format(eta));
  }

  /** A finished run's line: its status, time and the reason it failed, if it did. */
  static String finishedLine(RunResult r) {
    return String.format(
        Locale.ROOT,
        "%-16s %s in %s%s",
        r.run(),
        r.status(),
        ConsoleProgress.format(r.time()),
        r.failure().isEmpty() ? "" : ": " + r.failure());
  }

  /** Prints nothing more: every line is complete when printed. */
  @Override
  public void close() {
    out.flush();
  }
}
