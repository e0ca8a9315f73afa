package dev.dltrack.trainer.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a sweep's progress on a terminal: one bar for the whole sweep (iterations done, rate and
 * ETA), redrawn in place with carriage returns, and a line per run and epoch with its validation
 * accuracy and the run's own ETA. Off a terminal {@link LineProgress} prints the same lines without
 * the bar (see {@link #isTerminal()}).
 */
public final class ConsoleProgress implements ProgressDisplay {
  private final PrintStream out;
  private final ProgressBar bar;
  private final Map<String, RunClock> runs = new ConcurrentHashMap<>();

  /** Per run, the iterations on the bar since its attempt started. */
  private final Map<String, AtomicLong> counted = new ConcurrentHashMap<>();

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
    // a run that starts again is a retried attempt: the failed one's iterations no longer count
    AtomicLong before = counted.put(run, new AtomicLong());
    if (before != null && before.get() > 0) {
      bar.stepBy(-before.get());
    }
  }

  @Override
  public void iterationDone(String run) {
    counted.computeIfAbsent(run, r -> new AtomicLong()).incrementAndGet();
    bar.step();
  }

  /** The iterations the bar counts now. */
  long iterationsShown() {
    return bar.getCurrent();
  }

  @Override
  public void epochDone(String run, int epoch, int epochs, double valAccuracy, double valLoss) {
    RunClock clock = runs.get(run);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - clock.startNanos());
    line(LineProgress.epochLine(run, epoch, epochs, valAccuracy, valLoss, elapsed));
  }

  @Override
  public void attemptFailed(String run, String why) {
    line(String.format(Locale.ROOT, "%-16s %s", run, why));
  }

  @Override
  public void runFinished(RunResult r) {
    line(LineProgress.finishedLine(r));
  }

  private synchronized void line(String text) {
    // print above the bar: clear its line first
    out.print("\r\033[K");
    out.println(text);
    bar.refresh();
  }

  /**
   * Whether standard output is a terminal, so that a bar redrawn in place shows as one line: the
   * JVM has a console (both standard input and output are a terminal) and {@code TERM} is not
   * {@code dumb}.
   */
  @SuppressWarnings(
      "SystemConsoleNull") // Java 17, the project's: console() is null without a terminal
  public static boolean isTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** A duration as {@code m:ss}, or {@code h:mm:ss} from an hour. */
  public static String format(Duration d) {
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
