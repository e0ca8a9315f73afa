package dev.dltrack.tracker.spi;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Experiment;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sink needs to know about the run it writes: its name and directory, its configuration
 * (hyperparameters; values are {@link String}, {@link Boolean} or {@link Number}, in the order
 * given), the hparams group it belongs to, the experiment it declares, when it started, which
 * program on which host started it, and the options of its output formats ({@code
 * Run.Builder.option}: keys {@code <format>.<option>}, each checked against {@link
 * SinkProvider#options()} before any sink opens).
 */
public record RunInfo(
    String name,
    Path directory,
    Map<String, Object> config,
    String group,
    Optional<Experiment> experiment,
    double startWallTime,
    String program,
    List<String> args,
    String host,
    Map<String, String> options) {

  /**
   * Refuses nulls, and copies the config and the arguments.
   *
   * @param name the name
   * @param directory the run's directory
   * @param config the configuration (hyperparameters), in the order given
   * @param group the hparams group
   * @param experiment the experiment the run declares, if any
   * @param startWallTime when the run started, in seconds since the epoch
   * @param program the program that started the run
   * @param args its arguments
   * @param host the host it runs on
   */
  public RunInfo {
    requireNonNull(name, "name");
    requireNonNull(directory, "directory");
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    requireNonNull(group, "group");
    requireNonNull(experiment, "experiment");
    requireNonNull(program, "program");
    args = List.copyOf(args);
    requireNonNull(host, "host");
    options = Map.copyOf(options);
  }

  /** A run without format options. */
  public RunInfo(
      String name,
      Path directory,
      Map<String, Object> config,
      String group,
      Optional<Experiment> experiment,
      double startWallTime,
      String program,
      List<String> args,
      String host) {
    this(name, directory, config, group, experiment, startWallTime, program, args, host, Map.of());
  }

  /** The option {@code <format>.<option>}, if the run sets it. */
  public Optional<String> option(String format, String option) {
    return Optional.ofNullable(options.get(format + "." + option));
  }
}
