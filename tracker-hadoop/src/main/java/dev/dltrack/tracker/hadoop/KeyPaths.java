package dev.dltrack.tracker.hadoop;

import java.util.UUID;
import org.apache.hadoop.fs.Path;

/**
 * Keys to paths under the store's root and back, and the names of the store's own files beside an
 * object: a temporary file being written ({@code .<name>.tmp-<uuid>}) and the lock a conditional
 * replace holds ({@code .<name>.dltrack-replacing}, and a stale one being broken). Listing skips
 * them.
 */
final class KeyPaths {
  private static final String TEMPORARY = ".tmp-";
  private static final String REPLACE_LOCK = ".dltrack-replacing";

  private final Path root;

  KeyPaths(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The path of {@code key}.
   *
   * @throws IllegalArgumentException if the key is empty, starts or ends with '/', or has an empty,
   *     {@code .} or {@code ..} segment
   */
  Path path(String key) {
    checkKey(key);
    return new Path(root, key);
  }

  /** A temporary file beside {@code key}, unique to this call. */
  Path temporary(String key) {
    Path p = path(key);
    return new Path(p.getParent(), "." + p.getName() + TEMPORARY + UUID.randomUUID());
  }

  /** The lock file that conditional replaces of {@code key} take. */
  Path replaceLock(String key) {
    Path p = path(key);
    return new Path(p.getParent(), "." + p.getName() + REPLACE_LOCK);
  }

  /** Whether a file of this name is one of the store's own (temporary or lock), not an object. */
  static boolean isInternal(String fileName) {
    return fileName.startsWith(".")
        && (fileName.contains(REPLACE_LOCK) || isTemporaryName(fileName));
  }

  private static boolean isTemporaryName(String fileName) {
    int at = fileName.lastIndexOf(TEMPORARY);
    if (at < 0) {
      return false;
    }
    try {
      UUID.fromString(fileName.substring(at + TEMPORARY.length()));
      return true;
    } catch (IllegalArgumentException notAUuid) {
      return false;
    }
  }

  /** The key of a file under the root, given its path's string without scheme and authority. */
  String key(Path file) {
    String rootPath = root.toUri().getPath();
    String filePath = file.toUri().getPath();
    String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
    if (!filePath.startsWith(prefix)) {
      throw new IllegalStateException(file + " is not under the store's root " + root);
    }
    return filePath.substring(prefix.length());
  }

  static void checkKey(String key) {
    if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException(
          "key must not be empty or start or end with '/': '" + key + "'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "key must not have an empty, '.' or '..' segment: '" + key + "'");
      }
    }
  }
}
