package dev.dltrack.sweep.spark;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.internal.HostName;
import dev.dltrack.tracker.internal.RunLock;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A finished run directory as it travels from an executor to the driver: every file's relative
 * path, bytes, length and SHA-256, taken on the executor. {@link #writeInto} checks each file as
 * it arrived and again as written, and only then moves the whole directory into the log root in
 * one rename, so a run is there complete or not at all.
 */
final class RunFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One file of the run. */
  record Entry(String path, byte[] bytes, long length, byte[] sha256) implements Serializable {}

  private final String run;
  private final List<Entry> entries;

  private RunFiles(String run, List<Entry> entries) {
    this.run = run;
    this.entries = List.copyOf(entries);
  }

  /** Reads every file under {@code runDir}, the run named {@code run}. */
  static RunFiles pack(String run, Path runDir) throws IOException {
    requireNonNull(run, "run");
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(runDir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        String rel = runDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        entries.add(new Entry(rel, bytes, bytes.length, sha256(bytes)));
      }
    }
    return new RunFiles(run, entries);
  }

  String run() {
    return run;
  }

  List<Entry> entries() {
    return entries;
  }

  /** The total size of the files. */
  long bytes() {
    return entries.stream().mapToLong(Entry::length).sum();
  }

  /**
   * Writes the run into {@code logRoot/<run>}: into a hidden staging directory first, every file
   * checked (length and SHA-256) as it arrived and as read back from disk, then renamed into place.
   * A run already there is replaced only with {@code replace}.
   *
   * @throws IOException naming the run and file when a check fails; nothing is left in the log
   *     root then
   */
  @SuppressWarnings("try") // the run's lock is held for the try's body, never used in it
  void writeInto(Path logRoot, boolean replace) throws IOException {
    for (Entry e : entries) {
      check(e, e.bytes(), "as it arrived from the executor");
    }
    Files.createDirectories(logRoot);
    Path target = logRoot.resolve(run);
    Path staging = logRoot.resolve("." + run + ".incoming-" + UUID.randomUUID());
    try {
      Files.createDirectory(staging);
      for (Entry e : entries) {
        Path file = staging.resolve(e.path());
        if (!file.normalize().startsWith(staging)) {
          throw new IOException("run " + run + ": file path leaves the run directory: " + e.path());
        }
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(e.bytes());
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
      }
      for (Entry e : entries) {
        Path file = staging.resolve(e.path());
        long size = Files.size(file);
        if (size != e.length()) {
          throw new IOException(String.format(Locale.ROOT, "run %s: %s is %d bytes on disk, %d expected",
              run, e.path(), size, e.length()));
        }
        check(e, Files.readAllBytes(file), "as written to " + file);
      }
      // the run's lock, as every writer of it takes: nobody writes the run while it is replaced
      try (RunLock lock = RunLock.acquire(logRoot, run, HostName.get(), Instant.now())) {
        if (Run.exists(logRoot, run) && !replace) {
          throw new FileAlreadyExistsException(target.toString(), null,
              "a run of that name appeared in the log root while the sweep ran; its files are left as they are");
        }
        deleteTree(target);
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(staging, target);
        }
      }
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  private void check(Entry e, byte[] bytes, String where) throws IOException {
    if (bytes.length != e.length() || !Arrays.equals(sha256(bytes), e.sha256())) {
      throw new IOException(String.format(Locale.ROOT,
          "run %s: %s is damaged %s: %d bytes, SHA-256 %s; the executor wrote %d bytes, SHA-256 %s",
          run, e.path(), where, bytes.length, HexFormat.of().formatHex(sha256(bytes)), e.length(),
          HexFormat.of().formatHex(e.sha256())));
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
