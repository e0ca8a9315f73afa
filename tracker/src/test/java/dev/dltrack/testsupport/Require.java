package dev.dltrack.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that need something outside the build: a shared tool, Chromium, pandas,
 * FashionMNIST, {@code /dev/full}. Where it is missing the test is skipped, except under {@code
 * CI=true}: CI installs everything, so a missing tool there is a broken CI script, and a skip
 * would hide exactly the checks that matter.
 */
public final class Require {
  private Require() {}

  /** True where the environment says this is CI ({@code CI=true}). */
  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the calling test unless {@code available}; under CI fails it instead. {@code what}
   * names the missing thing and how to get it: "Chromium (apt-get install chromium)".
   */
  public static void that(boolean available, String what) {
    if (available) {
      return;
    }
    if (onCi()) {
      Assertions.fail("CI=true, but this test's requirement is missing: " + what);
    }
    Assumptions.abort("requirement missing: " + what);
  }

  /** Requires an executable file. */
  public static Path executable(Path file, String howToGet) {
    that(Files.isExecutable(file), file + " (" + howToGet + ")");
    return file;
  }

  /**
   * Finds {@code shared/<relative>} beside the project's checkout, walking up from the working
   * directory (the workplace lays {@code shared/} next to the repository), and requires it.
   */
  public static Path shared(String relative) {
    Path found = findShared(relative);
    that(found != null, "../shared/" + relative + " next to the checkout");
    return found;
  }

  /** As {@link #shared}, without requiring: null where it is absent. */
  public static Path findShared(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return null;
  }
}
