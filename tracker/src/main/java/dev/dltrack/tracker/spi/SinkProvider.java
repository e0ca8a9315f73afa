package dev.dltrack.tracker.spi;

import java.io.IOException;
import java.util.Set;

/**
 * Opens sinks of one output format. Implementations are listed in {@code
 * META-INF/services/dev.dltrack.tracker.spi.SinkProvider} and need a public no-argument
 * constructor.
 */
public interface SinkProvider {
  /**
   * The format's name, as {@code Run.Builder.formats(...)} takes it: "tensorboard", "wandb".
   *
   * @return the format's name
   */
  String name();

  /**
   * Opens a sink for {@code run}, creating what it needs under {@code run.directory()}. Opening
   * writes the run's start (its config and hparams) at once, so that a run that crashes right away
   * still shows up.
   *
   * @param run the run to write
   * @return the open sink
   * @throws IOException if the sink's files cannot be created or written
   */
  Sink open(RunInfo run) throws IOException;

  /**
   * The options this format takes, without the {@code <format>.} prefix ({@code project} for
   * {@code wandb.project}); a run that sets any other option of this format fails to open.
   */
  default Set<String> options() {
    return Set.of();
  }
}
