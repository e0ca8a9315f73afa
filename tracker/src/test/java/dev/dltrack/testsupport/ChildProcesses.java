package dev.dltrack.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The end of a server a test started as a child process (TensorBoard, an S3 server). */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * Stops {@code process}: asks it to end, kills it where it has not within 10 s, and deletes the
   * temporary file {@code log} it wrote its output to.
   */
  public static void stop(Process process, Path log) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a temporary log left behind is harmless
    }
  }
}
