package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.internal.StoreCopy;
import dev.dltrack.tracker.spi.RunReader;
import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The runs found under a log root, sorted by name.
 *
 * <p>{@link #read(Path)} finds them whatever format they were written in: every directory under the
 * root that a {@link RunReader} recognises is a run, named by its path relative to the root ({@code
 * .} for the root itself), as TensorBoard names runs. A run written in several formats is read by
 * the first reader that recognises it, in service order (this library lists TensorBoard, the richer
 * format, before W&amp;B). A run that cannot be read at all still appears, with the reason in its
 * {@link RunLog#warnings()}, so that one bad run does not hide the others.
 */
public record LogRoot(Path root, List<RunLog> runs) {
  /**
   * Refuses a null root; copies the runs.
   *
   * @param root the log root
   * @param runs the runs, sorted by name
   */
  public LogRoot {
    requireNonNull(root, "root");
    runs = List.copyOf(runs);
  }

  /**
   * Every run under {@code root}, in any format a {@link RunReader} on the class path reads.
   *
   * @param root the log root
   * @return its runs
   * @throws IOException if {@code root} is not a directory or cannot be walked
   */
  public static LogRoot read(Path root) throws IOException {
    return read(root, readers());
  }

  /**
   * Every run under {@code location}: a local directory, or a store's URI ({@code
   * s3://bucket/logs}, {@code hdfs://namenode/logs}, with the module that serves its scheme on the
   * class path). A store's runs are copied into a temporary directory first (deleted when the JVM
   * exits), each file made whole from the objects it was stored as; {@link #root()} is that copy.
   *
   * @param location the log root
   * @return its runs
   * @throws IOException if the root cannot be read, naming it
   */
  public static LogRoot read(String location) throws IOException {
    requireNonNull(location, "location");
    if (!LogStores.isStore(location)) {
      return read(LogStores.localPath(location));
    }
    return read(StoreCopy.of(location), readers());
  }

  /**
   * As {@link #read(Path)}, with the given readers, in order of preference.
   *
   * @param root the log root
   * @param readers the readers, the preferred first
   * @return its runs
   * @throws IOException if {@code root} is not a directory or cannot be walked
   */
  public static LogRoot read(Path root, List<RunReader> readers) throws IOException {
    requireNonNull(root, "root");
    if (!Files.isDirectory(root)) {
      throw Files.exists(root)
          ? new NotDirectoryException(root + " is not a directory of runs")
          : new NoSuchFileException(root.toString(), null, "no such log directory");
    }
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(root)) {
      dirs = walk.filter(Files::isDirectory).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<RunLog> runs = new ArrayList<>();
    for (Path dir : dirs) {
      Optional<RunReader> reader = readers.stream().filter(r -> r.holdsRun(dir)).findFirst();
      if (reader.isEmpty()) {
        continue;
      }
      String name = root.relativize(dir).toString().replace('\\', '/');
      name = name.isEmpty() ? "." : name;
      try {
        runs.add(reader.get().read(dir, name));
      } catch (IOException | RuntimeException e) {
        runs.add(
            RunLog.builder(name, dir)
                .warning(
                    "could not read the run's "
                        + reader.get().name()
                        + " files in "
                        + dir
                        + ": "
                        + e.getMessage())
                .build());
      }
    }
    runs.sort((a, b) -> a.name().compareTo(b.name()));
    return new LogRoot(root, runs);
  }

  /**
   * The readers on the class path, in service order.
   *
   * @return the readers
   */
  public static List<RunReader> readers() {
    List<RunReader> readers = new ArrayList<>();
    ServiceLoader.load(RunReader.class, LogRoot.class.getClassLoader()).forEach(readers::add);
    return readers;
  }

  /**
   * The run named {@code name}.
   *
   * @param name the run's name
   * @return the run, or empty if there is none of that name
   */
  public Optional<RunLog> run(String name) {
    return runs.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * Every warning of every run, each prefixed by the run's name.
   *
   * @return the warnings
   */
  public List<String> warnings() {
    List<String> all = new ArrayList<>();
    for (RunLog r : runs) {
      r.warnings().forEach(w -> all.add(r.name() + ": " + w));
    }
    return all;
  }
}
