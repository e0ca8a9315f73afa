package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.spi.RunReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads runs whose W&amp;B data is a W&amp;B run folder ({@link WandbOfflineRuns}), for {@link
 * dev.dltrack.tracker.read.LogRoot#read}. It finds two kinds:
 *
 * <ul>
 *   <li>a dltrack run: a directory whose {@code wandb/} holds the one {@code offline-run-*} folder
 *       that {@link WandbSink} writes (and not W&amp;B's classic files, which the classic reader
 *       listed before this one reads). It is named as every run is, by its directory.
 *   <li>W&amp;B's own runs: every {@code offline-run-*} or {@code run-*} folder that is not a
 *       dltrack run's, such as those in the {@code wandb/} directory the SDK makes where a program
 *       runs. Each is named by the run's display name, or its id where it has none (offline runs
 *       get their names from the server), after the path of the directory that holds {@code
 *       wandb/}: {@code wandb/offline-run-20261206_120000-abc123} under the log root is {@code
 *       abc123}, under {@code proj/} it is {@code proj/abc123}.
 * </ul>
 *
 * <p>A {@code wandb/} directory is W&amp;B's own, not a dltrack run's, when it holds what the SDK
 * writes and dltrack never does: {@code latest-run}, {@code debug.log} or {@code
 * debug-internal.log}, an online {@code run-*} folder, or more than one run folder.
 */
public final class WandbOfflineRunReader implements RunReader {
  @Override
  public String name() {
    return "wandb";
  }

  @Override
  public boolean holdsRun(Path dir) {
    try {
      return dltrackRunFolder(dir) != null
          || (WandbOfflineRuns.isRunFolder(dir) && !isDltrackWandbDir(dir.getParent()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public RunLog read(Path dir, String name) throws IOException {
    Path folder = dltrackRunFolder(dir);
    if (folder != null) {
      return WandbOfflineRuns.readRunLog(folder, name, dir);
    }
    WandbOfflineRuns.Log log = WandbOfflineRuns.readLog(dir);
    String own = !log.displayName().isEmpty() ? log.displayName() : log.id();
    if (own.isEmpty()) {
      own = dir.getFileName().toString();
    }
    return WandbOfflineRuns.readRunLog(dir, prefix(name) + own, dir);
  }

  /** The path of the directory holding the folder's {@code wandb/}, with a slash, or nothing. */
  private static String prefix(String name) {
    int slash = name.lastIndexOf('/');
    if (slash < 0) {
      return "";
    }
    String parent = name.substring(0, slash);
    if (parent.equals("wandb")) {
      return "";
    }
    if (parent.endsWith("/wandb")) {
      parent = parent.substring(0, parent.length() - "/wandb".length());
    }
    return parent + "/";
  }

  /** The offline run folder of the dltrack run in {@code dir}, or null if it is not one. */
  private static Path dltrackRunFolder(Path dir) throws IOException {
    Path wandb = dir.resolve(WandbFiles.DIR);
    if (!isDltrackWandbDir(wandb)) {
      return null;
    }
    List<Path> folders = WandbOfflineRuns.runFolders(wandb);
    return folders.size() == 1 ? folders.get(0) : null;
  }

  /**
   * Whether {@code wandb} is a dltrack run's {@code wandb/}: named so, holding W&amp;B's classic
   * files, or holding one offline run folder and nothing the SDK writes.
   */
  private static boolean isDltrackWandbDir(Path wandb) throws IOException {
    if (wandb == null
        || wandb.getFileName() == null
        || !wandb.getFileName().toString().equals(WandbFiles.DIR)
        || !Files.isDirectory(wandb)) {
      return false;
    }
    if (Files.isRegularFile(wandb.resolve(WandbFiles.HISTORY))
        || Files.isRegularFile(wandb.resolve(WandbFiles.SUMMARY))) {
      return true;
    }
    for (String sdk : new String[] {"latest-run", "debug.log", "debug-internal.log"}) {
      if (Files.exists(wandb.resolve(sdk), LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    List<Path> folders = WandbOfflineRuns.runFolders(wandb);
    return folders.size() == 1 && folders.get(0).getFileName().toString().startsWith("offline-");
  }
}
