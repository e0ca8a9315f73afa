package dev.dltrack.trainer.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a sweep's progress on the console: one bar for the whole sweep (iterations done, rate and
 * ETA) and a line per run and epoch with its validation accuracy and the run's own ETA.
 */
public final class ConsoleProgress implements SweepProgress, AutoCloseable {
  private final PrintStream out;
  private final ProgressBar bar;
  private final Map<String, RunClock> runs = new ConcurrentHashMap<>();

  private record RunClock(long startNanos, long iterations) {}

  public ConsoleProgress(PrintStream out, long totalIterations) {
    this.out = out;
    this.bar =
        new ProgressBarBuilder()
            .setTaskName("sweep")
            .setInitialMax(totalIterations)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" it", 1)
            .setUpdateIntervalMillis(500)
            .showSpeed()
            .continuousUpdate()
            .build();
  }

  @Override
  public void runStarted(String run, long iterations) {
    runs.put(run, new RunClock(System.nanoTime(), iterations));
  }

  @Override
  public void iterationDone(String run) {
    bar.step();
  }

  @Override
  public void epochDone(String run, int epoch, int epochs, double valAccuracy, double valLoss) {
    RunClock clock = runs.get(run);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - clock.startNanos());
    Duration eta = elapsed.multipliedBy(epochs - epoch).dividedBy(epoch);
    line(
        String.format(
            Locale.ROOT,
            "%-16s epoch %2d/%d  val acc %.4f  val loss %.4f  %s elapsed, ETA %s",
            run,
            epoch,
            epochs,
            valAccuracy,
            valLoss,
            format(elapsed),
            format(eta)));
  }

  @Override
  public void runFinished(RunResult r) {
    line(
        String.format(
            Locale.ROOT,
            "%-16s %s in %s%s",
            r.run(),
            r.status(),
            format(r.time()),
            r.failure().isEmpty() ? "" : ": " + r.failure()));
  }

  private synchronized void line(String text) {
    // print above the bar: clear its line first
    out.print("\r\033[K");
    out.println(text);
    bar.refresh();
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    bar.close();
  }
}
