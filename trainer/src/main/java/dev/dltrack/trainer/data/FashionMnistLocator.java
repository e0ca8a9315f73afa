package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where FashionMNIST may already be on this machine, in the order they are searched: {@code
 * $FASHION_MNIST_DIR}, the Debian package's directory, then the download cache ({@code
 * $XDG_CACHE_HOME/dltrack/fashion-mnist}, or {@code ~/.cache/dltrack/fashion-mnist}). A directory
 * given with {@code --data} is not searched for: it replaces the search.
 *
 * <p>The environment, home directory and system directory are injected so that tests do not depend
 * on the machine they run on.
 */
final class FashionMnistLocator {
  static final String ENV_VAR = "FASHION_MNIST_DIR";
  static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private final Map<String, String> env;
  private final Path home;
  private final Path systemDir;

  FashionMnistLocator(Map<String, String> env, Path home, Path systemDir) {
    this.env = Map.copyOf(requireNonNull(env, "env"));
    this.home = requireNonNull(home, "home");
    this.systemDir = requireNonNull(systemDir, "systemDir");
  }

  /** The search of this process: its environment, {@code user.home}, {@link #SYSTEM_DIR}. */
  static FashionMnistLocator ofThisMachine() {
    return new FashionMnistLocator(
        System.getenv(), Path.of(System.getProperty("user.home")), SYSTEM_DIR);
  }

  /** A candidate directory and how to name it in messages. */
  record Location(Path dir, String description, boolean holdsOnlyOfficialFiles) {
    /** The directory a user named with {@code --data}. */
    static Location explicit(Path dir) {
      return new Location(dir, "--data " + dir, false);
    }
  }

  /** The places to search, in order; the last one is {@link #cache()}. */
  List<Location> searchPath() {
    List<Location> path = new ArrayList<>();
    String fromEnv = env.get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      // Named by the user like --data, so it may hold a dataset of their own.
      path.add(new Location(Path.of(fromEnv), "$" + ENV_VAR + " " + fromEnv, false));
    }
    path.add(new Location(systemDir, systemDir + " (Debian package dataset-fashion-mnist)", true));
    path.add(cache());
    return List.copyOf(path);
  }

  /** The download cache, per the XDG base directory spec (which ignores relative paths). */
  Location cache() {
    String xdg = env.get("XDG_CACHE_HOME");
    Path root = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
    Path dir = root.resolve("dltrack").resolve("fashion-mnist");
    return new Location(dir, dir + " (download cache)", true);
  }
}
