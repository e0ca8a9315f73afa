package dev.dltrack.tracker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A logging process for crash tests: logs scalars into {@code <root>/child}, flushes after {@code
 * n}, prints {@code FLUSHED <n>}, then, in mode {@code kill}, keeps logging until it is killed, or
 * in mode {@code exit}, returns from main without closing the run.
 */
public final class ChildLogger {
  private ChildLogger() {}

  /**
   * Starts a child JVM running this class on the test class path, logging into {@code <root>/child}
   * in {@code mode} ({@code kill} or {@code exit}) and flushing after {@code n} values; its
   * standard error is discarded.
   */
  public static Process start(Path root, String mode, int n) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ChildLogger.class.getName(),
            root.toString(),
            mode,
            Integer.toString(n))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Reads the child's output until its {@code FLUSHED <n>} line, and returns that line; fails if
   * the child ends its output without one.
   */
  public static String awaitFlushed(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("FLUSHED")) {
      // the child's other output
    }
    assertThat(line).as("child output").startsWith("FLUSHED");
    return line;
  }

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
