package dev.dltrack.tracker.internal;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A local copy of a log root on a store, for the readers, which read local files: each file made
 * whole from the objects it was stored as ({@link StoreLayout}). Kept until the JVM exits, since
 * what is read from it (media, projector tensors) may be loaded later.
 */
public final class StoreCopy {
  private StoreCopy() {}

  /**
   * Copies the log root at {@code location} into a new temporary directory.
   *
   * @return the copy's root
   * @throws IOException if the store cannot be read, naming the location
   */
  public static Path of(String location) throws IOException {
    Path copy = Files.createTempDirectory("dltrack-read-");
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> deleteQuietly(copy), "dltrack-delete-" + copy));
    try (LogStore store = LogStores.open(location, Map.of())) {
      store.check();
      StoreLayout.download(store, "", copy);
    } catch (IOException e) {
      throw new IOException("reading the log root " + location + " failed: " + e.getMessage(), e);
    }
    return copy;
  }

  private static void deleteQuietly(Path dir) {
    try {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      // a temporary directory: the system cleans it up in the end
    }
  }
}
