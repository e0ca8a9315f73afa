package dev.dltrack.tracker.export;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.internal.HostName;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.Session;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.RunReader;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the TensorBoard runs of a log root — this library's, TensorFlow's, PyTorch's {@code
 * SummaryWriter}'s — into W&amp;B offline runs that {@code wandb sync} uploads: scalars,
 * histograms, texts, images, PR curves and embeddings as history (media as W&amp;B's files), the
 * last value of each as the summary, the hparams session's values as the config, its group as the
 * run's group, and its end (a failed session exits with code 1; a log that does not say how it
 * ended exits with 0, as TensorBoard shows it).
 *
 * <p>Run {@code NAME} of the log root becomes {@code OUTPUT/NAME/wandb/offline-run-*} (the root's
 * own run, {@code .}, is named after the root's directory), the layout a dltrack run writes, so
 * that one glob uploads them all: {@code wandb sync OUTPUT/*}{@code /wandb/offline-run-*}. Only
 * W&amp;B's offline run is written, not its classic files. The default output is {@link
 * #defaultOutput}: beside the log root, not in it, where {@link LogRoot#read} would take the
 * exported runs for runs of the log root and a second export would meet them.
 *
 * <p>A run already exported there is refused, before anything is written, unless {@link
 * Builder#overwrite}; a run whose writing fails leaves nothing behind.
 */
public final class WandbExport {
  /** What is appended to the log root's name to make the default output directory. */
  public static final String DEFAULT_OUTPUT_SUFFIX = "-wandb";

  private static final String FORMAT = "wandb";
  private static final String WANDB_DIR = "wandb";

  private final Path logRoot;
  private final Optional<String> runs;
  private final Path output;
  private final Optional<String> project;
  private final Optional<String> entity;
  private final boolean overwrite;

  private WandbExport(Builder b) {
    this.logRoot = b.logRoot;
    this.runs = b.runs;
    this.output = b.output != null ? b.output : defaultOutput(b.logRoot);
    this.project = b.project;
    this.entity = b.entity;
    this.overwrite = b.overwrite;
  }

  /**
   * An export of the TensorBoard runs under {@code logRoot}.
   *
   * @param logRoot the log root
   * @return a builder
   */
  public static Builder builder(Path logRoot) {
    return new Builder(logRoot);
  }

  /**
   * {@code <logRoot>-wandb} beside the log root ({@code logs} gives {@code logs-wandb}).
   *
   * @param logRoot the log root
   * @return the default output directory
   */
  public static Path defaultOutput(Path logRoot) {
    Path abs = logRoot.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new IllegalArgumentException(
          "the log root "
              + logRoot
              + " has no name to make the output's of; give an output directory");
    }
    return abs.resolveSibling(abs.getFileName() + DEFAULT_OUTPUT_SUFFIX);
  }

  /** Where the runs go. */
  public Path output() {
    return output;
  }

  /**
   * One exported run.
   *
   * @param name the run's name in the log root
   * @param source its directory
   * @param offlineRun the W&amp;B offline run folder written ({@code .../offline-run-*})
   * @param values how many values its history got
   * @param warnings what was left out, one line each (the reader's warnings, then the export's)
   */
  public record ExportedRun(
      String name, Path source, Path offlineRun, int values, List<String> warnings) {
    /** Copies the warnings. */
    public ExportedRun {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads the log root's TensorBoard runs and writes each as a W&amp;B offline run.
   *
   * @return the runs exported, in name order
   * @throws IOException if the log root cannot be read or a run cannot be written; a run already
   *     exported and not to be overwritten is a {@link FileAlreadyExistsException}, thrown before
   *     anything is written
   * @throws IllegalArgumentException if the log root has no TensorBoard run, or none matches the
   *     glob
   */
  public List<ExportedRun> export() throws IOException {
    if (!Files.isDirectory(logRoot)) {
      throw Files.exists(logRoot)
          ? new NotDirectoryException(logRoot + " is not a directory of runs")
          : new NoSuchFileException(logRoot.toString(), null, "no such log directory");
    }
    LogRoot root = LogRoot.read(logRoot, tensorBoardReaders());
    if (root.runs().isEmpty()) {
      throw new IllegalArgumentException(
          "no TensorBoard runs in "
              + logRoot
              + ": no directory under it holds event files (events.out.tfevents.*)");
    }
    List<RunLog> selected = root.runs();
    if (runs.isPresent()) {
      PathMatcher matcher = matcher(runs.get());
      selected = selected.stream().filter(r -> matcher.matches(Path.of(r.name()))).toList();
      if (selected.isEmpty()) {
        throw new IllegalArgumentException(
            "no run in "
                + logRoot
                + " matches --runs '"
                + runs.get()
                + "'; its TensorBoard runs are: "
                + root.runs().stream().map(RunLog::name).collect(Collectors.joining(", ")));
      }
    }
    Map<RunLog, Path> targets = new LinkedHashMap<>();
    List<String> existing = new ArrayList<>();
    for (RunLog run : selected) {
      Path target = output.resolve(directoryName(run)).normalize();
      if (!target.startsWith(output.normalize())) {
        throw new IllegalArgumentException("run name escapes the output directory: " + run.name());
      }
      targets.put(run, target);
      if (Files.exists(target.resolve(WANDB_DIR))) {
        existing.add(run.name());
      }
    }
    if (!existing.isEmpty() && !overwrite) {
      throw new FileAlreadyExistsException(
          output.toString(),
          null,
          "already holds an export of "
              + String.join(", ", existing)
              + "; give --overwrite to replace it, or another output directory");
    }
    SinkProvider provider = wandbProvider();
    List<ExportedRun> done = new ArrayList<>();
    for (Map.Entry<RunLog, Path> e : targets.entrySet()) {
      done.add(exportRun(provider, e.getKey(), e.getValue()));
    }
    return done;
  }

  private ExportedRun exportRun(SinkProvider provider, RunLog run, Path target) throws IOException {
    Path wandbDir = target.resolve(WANDB_DIR);
    deleteTree(wandbDir);
    Replay replay = Replay.of(run);
    Optional<Session> session = run.session();
    double start = replay.firstWallTime();
    if (session.isPresent() && session.get().startTime() > 0) {
      start =
          Double.isNaN(start)
              ? session.get().startTime()
              : Math.min(start, session.get().startTime());
    }
    if (Double.isNaN(start)) {
      start = System.currentTimeMillis() / 1000.0;
    }
    double end = Double.isNaN(replay.lastWallTime()) ? start : replay.lastWallTime();
    if (session.isPresent() && session.get().endTime() > end) {
      end = session.get().endTime();
    }
    Map<String, String> options = new LinkedHashMap<>();
    // the export is for wandb sync; pandas users have the reader (LogRoot) for the source
    options.put(FORMAT + ".classic", "false");
    project.ifPresent(p -> options.put(FORMAT + ".project", p));
    entity.ifPresent(p -> options.put(FORMAT + ".entity", p));
    RunInfo info =
        new RunInfo(
            displayName(run),
            target,
            session.map(Session::hparams).orElse(Map.of()),
            session.map(Session::group).orElse(""),
            Optional.empty(),
            start,
            "dltrack export wandb",
            List.of(run.directory().toString()),
            HostName.get(),
            options);
    Files.createDirectories(target);
    Sink sink = provider.open(info);
    try {
      for (RunRecord r : replay.records()) {
        sink.write(r);
      }
      sink.write(new RunRecord.End(status(session), end, ""));
      sink.close();
    } catch (IOException | RuntimeException ex) {
      try {
        sink.close();
      } catch (IOException | RuntimeException suppressed) {
        ex.addSuppressed(suppressed);
      }
      try {
        deleteTree(wandbDir);
      } catch (IOException suppressed) {
        ex.addSuppressed(suppressed);
      }
      throw ex;
    }
    List<String> warnings = new ArrayList<>(run.warnings());
    warnings.addAll(replay.warnings());
    return new ExportedRun(
        run.name(), run.directory(), offlineRunFolder(wandbDir), replay.values(), warnings);
  }

  /** SUCCESS unless the session says it failed: a TensorBoard log mostly does not say. */
  private static RunStatus status(Optional<Session> session) {
    return session.map(Session::status).orElse(RunStatus.UNKNOWN) == RunStatus.FAILURE
        ? RunStatus.FAILURE
        : RunStatus.SUCCESS;
  }

  private String displayName(RunLog run) {
    return run.name().equals(".") ? rootName() : run.name();
  }

  private String directoryName(RunLog run) {
    return run.name().equals(".") ? rootName() : run.name();
  }

  private String rootName() {
    Path name = logRoot.toAbsolutePath().normalize().getFileName();
    return name == null ? "root" : name.toString();
  }

  private static Path offlineRunFolder(Path wandbDir) throws IOException {
    try (Stream<Path> dirs = Files.list(wandbDir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("offline-run-"))
          .findFirst()
          .orElseThrow(() -> new IOException("no offline run folder was written in " + wandbDir));
    }
  }

  private static List<RunReader> tensorBoardReaders() {
    List<RunReader> readers =
        LogRoot.readers().stream().filter(r -> r.name().equals("tensorboard")).toList();
    if (readers.isEmpty()) {
      throw new IllegalStateException("no TensorBoard reader on the class path");
    }
    return readers;
  }

  private static SinkProvider wandbProvider() {
    for (SinkProvider p :
        ServiceLoader.load(SinkProvider.class, WandbExport.class.getClassLoader())) {
      if (p.name().equals(FORMAT)) {
        return p;
      }
    }
    throw new IllegalStateException("no W&B output format on the class path");
  }

  private static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "--runs '" + glob + "' is not a glob (" + e.getDescription() + "); write one like 'he-*'",
          e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Which runs to export, where, and under which W&amp;B project and entity. */
  public static final class Builder {
    private final Path logRoot;
    private Optional<String> runs = Optional.empty();
    private Path output;
    private Optional<String> project = Optional.empty();
    private Optional<String> entity = Optional.empty();
    private boolean overwrite;

    private Builder(Path logRoot) {
      this.logRoot = requireNonNull(logRoot, "logRoot");
    }

    /**
     * Only the runs whose name matches the shell glob {@code glob} ({@code he-*}; {@code *} does
     * not cross a {@code /} of a nested run's name, {@code **} does). Default: every run.
     */
    public Builder runs(String glob) {
      matcher(requireNonNull(glob, "glob"));
      this.runs = Optional.of(glob);
      return this;
    }

    /** The output directory. Default: {@link WandbExport#defaultOutput}. */
    public Builder output(Path output) {
      this.output = requireNonNull(output, "output");
      return this;
    }

    /**
     * The W&amp;B project written into each run. Default: {@code WANDB_PROJECT}, else none (the
     * account's default); {@code wandb sync --project} overrides it.
     */
    public Builder project(String project) {
      this.project = Optional.of(requireNonNull(project, "project"));
      return this;
    }

    /**
     * The W&amp;B entity (user or team) written into each run. Default: {@code WANDB_ENTITY}, else
     * none; {@code wandb sync --entity} overrides it.
     */
    public Builder entity(String entity) {
      this.entity = Optional.of(requireNonNull(entity, "entity"));
      return this;
    }

    /** Replace the export of a run already in the output directory (default: refuse). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public WandbExport build() {
      return new WandbExport(this);
    }
  }
}
