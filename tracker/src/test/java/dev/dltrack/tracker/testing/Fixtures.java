package dev.dltrack.tracker.testing;

import dev.dltrack.testsupport.Require;
import java.nio.file.Path;

/**
 * The workplace's reference event files, {@code ../shared/fixtures/}: written by TensorBoard's and
 * TensorFlow's own code, not by this project, so they are read where they are, never copied. A test
 * that needs them is skipped where they are absent, and fails under {@code CI=true}.
 */
public final class Fixtures {
  private Fixtures() {}

  /** {@code ../shared/fixtures/<name>}, required. */
  public static Path dir(String name) {
    return Require.shared("fixtures/" + name);
  }
}
