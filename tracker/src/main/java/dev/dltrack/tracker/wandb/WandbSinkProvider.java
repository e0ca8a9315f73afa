package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The "wandb" output format, found by {@link java.util.ServiceLoader}. Its options, set with {@code
 * Run.Builder.option}: {@code wandb.project} and {@code wandb.entity}, where {@code wandb sync}
 * uploads the run, written into the run record; each defaults to its environment variable, {@code
 * WANDB_PROJECT} or {@code WANDB_ENTITY}, as {@code wandb} does, and an empty one leaves it to the
 * W&amp;B account's default. {@code wandb sync --project/--entity} overrides either. {@code
 * wandb.classic}, {@code true} (the default) or {@code false}: whether W&amp;B's classic files
 * ({@code wandb-history.jsonl} and the others, which pandas loads) are written beside the offline
 * run, which is always written.
 */
public final class WandbSinkProvider implements SinkProvider {
  /** The W&amp;B project option, {@code wandb.project}. */
  public static final String PROJECT = "project";

  /** The W&amp;B entity (user or team) option, {@code wandb.entity}. */
  public static final String ENTITY = "entity";

  /** Whether the classic files are written too, {@code wandb.classic}: "true" or "false". */
  public static final String CLASSIC = "classic";

  /** The default of {@link #CLASSIC}. */
  public static final boolean CLASSIC_DEFAULT = true;

  private final UnaryOperator<String> env;

  public WandbSinkProvider() {
    this(System::getenv);
  }

  /** With the environment variables {@code env} gives (tests). */
  WandbSinkProvider(UnaryOperator<String> env) {
    this.env = env;
  }

  @Override
  public Set<String> options() {
    return Set.of(PROJECT, ENTITY, CLASSIC);
  }

  /** The run's project or entity: its option, else the environment variable, else empty. */
  String setting(RunInfo run, String option) {
    return run.option(name(), option)
        .or(() -> Optional.ofNullable(env.apply("WANDB_" + option.toUpperCase(Locale.ROOT))))
        .orElse("");
  }

  /** The run's {@code wandb.classic}; anything but "true" or "false" is refused. */
  boolean classic(RunInfo run) {
    return run.option(name(), CLASSIC)
        .map(
            v -> {
              if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(
                    "option wandb.classic must be true or false: '" + v + "'");
              }
              return Boolean.parseBoolean(v);
            })
        .orElse(CLASSIC_DEFAULT);
  }

  @Override
  public String name() {
    return "wandb";
  }

  @Override
  public Sink open(RunInfo run) throws IOException {
    Path dir = run.directory().resolve("wandb");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new FileAlreadyExistsException(
          dir.toString(),
          null,
          "is a file where the run's W&B files go; remove or rename it, or write only"
              + " formats(\"tensorboard\")");
    }
    return WandbSink.open(run, setting(run, PROJECT), setting(run, ENTITY), classic(run));
  }
}
