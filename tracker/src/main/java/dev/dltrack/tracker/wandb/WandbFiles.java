package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File names and JSON/YAML settings shared by the W&amp;B writer and reader. */
final class WandbFiles {
  static final String DIR = "wandb";
  static final String HISTORY = "wandb-history.jsonl";
  static final String SUMMARY = "wandb-summary.json";
  static final String CONFIG = "config.yaml";
  static final String METADATA = "wandb-metadata.json";

  /**
   * JSON as Python's {@code json} module writes and reads it: NaN and infinities as the bare
   * literals {@code NaN}, {@code Infinity}, {@code -Infinity}, which W&amp;B writes and pandas
   * reads. This factory has no codec: generators made from it write only what they are told token
   * by token; anything richer goes through {@link #JSON_MAPPER} explicitly.
   */
  static final JsonFactory JSON = jsonFactory();

  /**
   * The mapper for whole values (the summary read back, the metadata). It has a factory of its own,
   * built the same way, so that {@link #JSON} never depends on a mapper having installed itself as
   * its codec.
   */
  static final ObjectMapper JSON_MAPPER = JsonMapper.builder(jsonFactory()).build();

  static final ObjectMapper YAML_MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  /** Temp files are named for this process and a counter, and created exclusively. */
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();

  private static final String PID = Long.toString(ProcessHandle.current().pid());

  private WandbFiles() {}

  private static JsonFactory jsonFactory() {
    return JsonFactory.builder()
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();
  }

  /**
   * Writes {@code file} whole or not at all, durably: the content goes to a temp file beside it
   * that no other writer uses (named for this process, created exclusively), which is synced,
   * renamed over {@code file} atomically, and then the directory is synced so that the rename
   * itself survives a power loss. On failure the temp file is removed.
   */
  static void replaceAtomically(Path file, IoWriter content) throws IOException {
    Path tmp = createTempBeside(file);
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        // a writer may close the stream it is given (YAML's does); the channel stays open to sync
        OutputStream out =
            new BufferedOutputStream(Channels.newOutputStream(channel), 8192) {
              @Override
              public void close() throws IOException {
                flush();
              }
            };
        content.write(out);
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is the one to report; a stray temp file is harmless
        }
      }
    }
    syncDirectory(file.toAbsolutePath().getParent());
  }

  private static Path createTempBeside(Path file) throws IOException {
    String prefix = "." + file.getFileName() + "." + PID + ".";
    while (true) {
      Path tmp = file.resolveSibling(prefix + TEMP_COUNTER.incrementAndGet() + ".tmp");
      try {
        // CREATE_NEW: a writer on another host with the same pid cannot share it either
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException taken) {
        // another writer holds that name: take the next
      }
    }
  }

  /** A temp file of {@link #replaceAtomically}: {@code .<file>.<pid>.<counter>.tmp}. */
  private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.\\d+\\.\\d+\\.tmp");

  /**
   * Removes the temp files a writer left in {@code dir} when it was killed between creating one and
   * renaming it. Only the holder of the run directory's lock calls this: no other writer can be
   * using them.
   */
  static void removeStaleTemps(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> TEMP_NAME.matcher(p.getFileName().toString()).matches()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Makes a rename in {@code dir} durable: fsync of the directory, where the OS allows it. */
  static void syncDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException cannotOpenDirectories) {
      // Windows cannot open a directory; its renames are durable through the file system
      return;
    }
    try (channel) {
      channel.force(true);
    } catch (IOException e) {
      throw new IOException("syncing directory " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** Writes a file's content. */
  @FunctionalInterface
  interface IoWriter {
    void write(OutputStream out) throws IOException;
  }
}
