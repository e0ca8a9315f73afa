package dev.dltrack.tracker.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Files a sink writes beside its main log (PNGs, tables, the projector's tensors): each written
 * whole or not at all (a temporary file beside it, then an atomic rename), so a reader never sees
 * half a file, and forced to the device at the sink's next {@link #sync()}, before the sink's own
 * log is, so that the log never points at a file a crash could lose.
 *
 * <p>Used by one thread (the sink's).
 */
public final class SideFiles {
  private final Set<Path> unsynced = new LinkedHashSet<>();

  /** Writes {@code content} to {@code file} (creating its directories), replacing it atomically. */
  public void write(Path file, byte[] content) throws IOException {
    write(file, out -> out.write(content));
  }

  /**
   * Writes {@code content} to {@code file} atomically unless the file exists (its name says what it
   * holds: a content hash), and never forces it to the device. For the thousands of small files one
   * log call can bring (an embedding's sprites, one PNG each in W&amp;B's table), where a forced
   * write each (about 8 ms on this project's VM disk) would cost seconds: they survive a crash of
   * the process, and after a crash of the machine a lost one is skipped by the reader with a
   * warning.
   */
  public void writeOnceUnsynced(Path file, byte[] content) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    write(file, out -> out.write(content));
    unsynced.remove(file);
  }

  /** Writes what {@code content} writes to {@code file}, replacing it atomically. */
  public void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      content.writeTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("writing " + file + " failed: " + e.getMessage(), e);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    unsynced.add(file);
  }

  /** Forces every file written since the last call to the device. */
  public void sync() throws IOException {
    for (Path p : unsynced) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.force(true);
      } catch (IOException e) {
        throw new IOException("syncing " + p + " failed: " + e.getMessage(), e);
      }
    }
    unsynced.clear();
  }

  /** A file's content, written to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }
}
