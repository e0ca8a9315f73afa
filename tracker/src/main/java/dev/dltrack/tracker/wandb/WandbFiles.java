package dev.dltrack.tracker.wandb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
   * reads.
   */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  static final ObjectMapper JSON_MAPPER = new JsonMapper(JSON);

  static final ObjectMapper YAML_MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private WandbFiles() {}

  /** Writes {@code file} whole or not at all: a temp file beside it, then an atomic rename. */
  static void replaceAtomically(Path file, IoWriter content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      content.write(out);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes a file's content. */
  @FunctionalInterface
  interface IoWriter {
    void write(OutputStream out) throws IOException;
  }
}
