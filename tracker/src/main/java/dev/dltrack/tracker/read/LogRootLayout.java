package dev.dltrack.tracker.read;

/**
 * Names in a log root that are not runs. A log root holds one directory per run, and beside them
 * {@value #PRIVATE_DIRECTORY}, dltrack's own hidden directory: the runs' lock files (one per run
 * that a writer has opened, {@code <run>.lock}) and the compare tool's pair declaration ({@code
 * compare.json}). It holds no run's files, so readers ({@link LogRoot}) find no run in it and skip
 * it, as TensorBoard does; the writer's listing of a log root's runs skips hidden names too.
 */
public final class LogRootLayout {
  /** The hidden directory of dltrack's own files in a log root, beside the runs. */
  public static final String PRIVATE_DIRECTORY = ".dltrack";

  private LogRootLayout() {}
}
