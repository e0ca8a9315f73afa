package dev.dltrack.tracker.internal;

import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a run's files lie on a store that cannot append: a file is its first object, under the file's
 * own key, followed by one object per later flush that grew it, {@code <key>.part-00000001}, {@code
 * <key>.part-00000002}..., each holding only the bytes added since the one before. The file is the
 * objects' concatenation. Every object's name sorts after the one before it, and for an event file
 * every part still contains "tfevents": TensorBoard's loader reads them as the run's next event
 * files, in order, and never goes back.
 */
public final class StoreLayout {
  private static final Pattern PART = Pattern.compile("(.+)\\.part-(\\d{8})");

  private StoreLayout() {}

  /** The key of part {@code n} (from 1) of the file {@code key}. */
  public static String partKey(String key, int n) {
    return String.format(Locale.ROOT, "%s.part-%08d", key, n);
  }

  /**
   * The files these objects make up, by key, each with its objects in order (the first object, then
   * its parts). Parts whose first object is missing form a file of their own key.
   */
  public static Map<String, List<StoredObject>> files(List<StoredObject> objects) {
    Map<String, TreeMap<Integer, StoredObject>> byFile = new TreeMap<>();
    for (StoredObject o : objects) {
      Matcher m = PART.matcher(o.key());
      boolean part = m.matches();
      String file = part ? m.group(1) : o.key();
      int index = part ? Integer.parseInt(m.group(2)) : 0;
      byFile.computeIfAbsent(file, k -> new TreeMap<>()).put(index, o);
    }
    Map<String, List<StoredObject>> files = new TreeMap<>();
    byFile.forEach((file, parts) -> files.put(file, new ArrayList<>(parts.values())));
    return files;
  }

  /** The number of part {@code o} is, 0 for a file's first object. */
  public static int partNumber(StoredObject o) {
    Matcher m = PART.matcher(o.key());
    return m.matches() ? Integer.parseInt(m.group(2)) : 0;
  }

  /**
   * Copies the files under {@code prefix} ("run/", or "" for the whole root) into {@code dir}, each
   * made whole from its objects, at their paths below the prefix.
   *
   * @return the files written, by key below the prefix, with their objects
   */
  public static Map<String, List<StoredObject>> download(LogStore store, String prefix, Path dir)
      throws IOException {
    Map<String, List<StoredObject>> files = files(store.list(prefix));
    Map<String, List<StoredObject>> written = new TreeMap<>();
    for (Map.Entry<String, List<StoredObject>> f : files.entrySet()) {
      String relative = f.getKey().substring(prefix.length());
      Path target = dir.resolve(relative);
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(target)) {
        for (StoredObject o : f.getValue()) {
          try (InputStream in = store.open(o.key(), 0)) {
            in.transferTo(out);
          } catch (NoSuchFileException gone) {
            // replaced while listing (a run being written): the next read sees the new one
          }
        }
      }
      written.put(relative, f.getValue());
    }
    return written;
  }
}
