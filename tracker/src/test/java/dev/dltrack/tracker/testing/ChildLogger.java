package dev.dltrack.tracker.testing;

import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A logging process for crash tests: logs scalars into {@code <root>/child}, flushes after {@code
 * n}, prints {@code FLUSHED <n>}, then, in mode {@code kill}, keeps logging until it is killed, or
 * in mode {@code exit}, returns from main without closing the run.
 */
public final class ChildLogger {
  private ChildLogger() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String mode = args[1];
    int n = Integer.parseInt(args[2]);
    Run run =
        Run.builder("child")
            .logRoot(root)
            .config("mode", mode)
            .flushInterval(Duration.ofMillis(50))
            .open();
    for (int s = 0; s < n; s++) {
      run.scalar("loss", s, 1.0 / (s + 1));
      if (s % 100 == 0) {
        run.histogram("w", s, new float[] {s, s + 1, s + 2});
      }
    }
    run.flush();
    System.out.println("FLUSHED " + n);
    System.out.flush();
    if (mode.equals("kill")) {
      for (long s = n; ; s++) {
        run.scalar("loss", s, 1.0 / (s + 1));
      }
    }
    // mode "exit": the shutdown hook must close the run
  }
}
