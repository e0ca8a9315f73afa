package dev.dltrack.tracker.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The reference event files (copied from the workplace's shared fixtures into the test
 * resources): written by TensorBoard's and TensorFlow's own code, with what TensorBoard served.
 */
public final class Fixtures {
  private Fixtures() {}

  /** {@code fixtures/<name>} on the test class path. */
  public static Path dir(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
