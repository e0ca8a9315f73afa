package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The runs found under a log root, sorted by name. */
public record LogRoot(Path root, List<RunLog> runs) {
  public LogRoot {
    requireNonNull(root, "root");
    runs = List.copyOf(runs);
  }

  public Optional<RunLog> run(String name) {
    return runs.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
