package dev.dltrack.compare.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The reference event files written by TensorBoard's and TensorFlow's own code (copied from the
 * tracker's test resources), with what TensorBoard served for them.
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
