package dev.dltrack.compare.testing;

import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A log root whose names and values are markup: a run the reader names {@link #RUN} (directory
 * {@code <script>alert(1)<} holding {@code script>}) with the hparam value {@link #VALUE}, and a
 * plain run beside it. Each logs a validation curve; the hostile one a histogram too.
 */
public final class HostileLogs {
  /** The hostile run's name, as the reader gives it. */
  public static final String RUN = "<script>alert(1)</script>";

  /** The hostile run's {@code model} hparam. */
  public static final String VALUE = "<img src=x onerror=alert(2)>";

  private HostileLogs() {}

  /** Writes the two runs under {@code logs}. */
  public static void write(Path logs) throws IOException {
    try (Run run =
        Run.builder("script>")
            .logRoot(logs.resolve("<script>alert(1)<"))
            .formats("tensorboard")
            .config(Map.of("model", VALUE, "seed", 1))
            .open()) {
      run.scalar("val/accuracy", 1, 0.5);
      run.scalar("val/accuracy", 2, 0.7);
      run.histogram("layer0/W", 0, new float[] {0.1f, -0.2f, 0.3f, 0.05f});
    }
    try (Run run =
        Run.builder("plain")
            .logRoot(logs)
            .formats("tensorboard")
            .config(Map.of("model", "mlp", "seed", 2))
            .open()) {
      run.scalar("val/accuracy", 1, 0.6);
      run.scalar("val/accuracy", 2, 0.65);
    }
  }
}
