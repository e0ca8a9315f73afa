package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.CodedOutputStream;
import dev.dltrack.tracker.internal.AppendOnlyFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;

/**
 * Appends TFRecord-framed events to one new event file. Records are assembled whole in a buffer and
 * the buffer is written only at record boundaries, so the file never holds half a record unless the
 * OS write itself fails part-way; after a failure the writer must not be used again.
 *
 * <p>Not thread-safe: one sink's worker thread owns it.
 */
final class EventFileWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 18;

  private final AppendOnlyFile file;

  /** The file's identity when created, to notice when the path no longer leads to it. */
  private Object fileKey;

  private byte[] buf = new byte[BUFFER];
  private int size;

  private EventFileWriter(Path path, FileChannel channel) {
    this.file = new AppendOnlyFile(path, channel, 0);
  }

  /**
   * Creates {@code events.out.tfevents.<secs>.<host>.<pid>.<n>} in {@code dir} with the first free
   * {@code n} (never truncating a file), and writes and flushes the {@code brain.Event:2}
   * file-version record.
   *
   * <p>The name sorts after every event file already in {@code dir}: TensorBoard and the reader
   * take a run's files in name order, so a run resumed within the second its last file was started
   * (by another process, whose pid may sort lower) would otherwise have its new history read before
   * the old. Where that would happen, {@code <secs>} is the last file's plus one.
   */
  static EventFileWriter create(Path dir, double wallTime, String host, long pid)
      throws IOException {
    String last = lastEventFileName(dir);
    long secs = (long) wallTime;
    String prefix = prefix(secs, host, pid);
    if (last != null && (prefix + 0).compareTo(last) <= 0) {
      secs = Math.max(secs, secondsOf(last) + 1);
      prefix = prefix(secs, host, pid);
    }
    for (int n = 0; ; n++) {
      Path p = dir.resolve(prefix + n);
      FileChannel ch;
      try {
        ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      EventFileWriter w = new EventFileWriter(p, ch);
      try {
        w.fileKey = fileKey(p);
        w.append(Event.newBuilder().setWallTime(wallTime).setFileVersion("brain.Event:2").build());
        w.flush();
      } catch (IOException | RuntimeException e) {
        w.file.closeAfter(e);
        throw e;
      }
      return w;
    }
  }

  Path path() {
    return file.path();
  }

  /** Appends one event. */
  void append(Event event) throws IOException {
    int len = event.getSerializedSize();
    int off = begin(len);
    CodedOutputStream out = CodedOutputStream.newInstance(buf, off, len);
    event.writeTo(out);
    out.checkNoSpaceLeft();
    commit(len);
  }

  /**
   * Makes room for an event of {@code len} bytes and returns the offset in {@link #buffer()} to
   * encode it at; {@link #commit} frames it. Between the two calls nothing else may be appended.
   */
  int begin(int len) throws IOException {
    int need = len + TfRecords.OVERHEAD;
    if (size + need > buf.length) {
      drain();
      if (need > buf.length) {
        buf = new byte[need];
      }
    }
    return size + TfRecords.HEADER;
  }

  /** Frames the {@code len}-byte event encoded at the offset {@link #begin} returned. */
  void commit(int len) {
    size += TfRecords.frameInPlace(buf, size, len);
  }

  /** The buffer events are encoded into, between {@link #begin} and {@link #commit}. */
  byte[] buffer() {
    return buf;
  }

  /**
   * Writes buffered records to the file and forces them to the device, then checks that the file is
   * still where TensorBoard will look for it: data written to a file whose directory was removed is
   * lost when the writer closes it, and nothing else would say so.
   */
  void flush() throws IOException {
    drain();
    file.force();
    checkStillThere();
  }

  private void checkStillThere() throws IOException {
    Path path = file.path();
    Object now;
    try {
      now = fileKey(path);
    } catch (NoSuchFileException | NotDirectoryException gone) {
      now = null;
    }
    if (now == null || (fileKey != null && !fileKey.equals(now))) {
      file.markBroken();
      throw new IOException(
          path
              + (now == null ? " no longer exists" : " has been replaced by another file")
              + " (its run directory or log root was removed or moved while the run was open);"
              + " what was written to it since is lost");
    }
  }

  private static Object fileKey(Path p) throws IOException {
    Object key =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    return key != null ? key : (Object) true; // file systems without keys: existence only
  }

  private void drain() throws IOException {
    file.write(buf, size, AppendOnlyFile.LEAVE);
    size = 0;
    if (buf.length > BUFFER) {
      buf = new byte[BUFFER];
    }
  }

  @Override
  public void close() throws IOException {
    file.close(this::flush);
  }

  private static String prefix(long secs, String host, long pid) {
    return String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%d.", secs, host, pid);
  }

  /** The name of the event file in {@code dir} that sorts last, or null. */
  private static String lastEventFileName(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.contains("tfevents"))
          .max(Comparator.naturalOrder())
          .orElse(null);
    }
  }

  /** The seconds field of an event file's name, or 0 when it has none (a foreign name). */
  private static long secondsOf(String name) {
    String[] parts = name.split("\\.");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("tfevents") && !parts[i + 1].isEmpty()) {
        try {
          return Long.parseLong(parts[i + 1]);
        } catch (NumberFormatException notANumber) {
          return 0;
        }
      }
    }
    return 0;
  }

  /** Whether {@code p} looks like an event file name. */
  static boolean isEventFile(Path p) {
    return p.getFileName().toString().contains("tfevents") && Files.isRegularFile(p);
  }
}
