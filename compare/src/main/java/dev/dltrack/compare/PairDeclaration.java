package dev.dltrack.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.tracker.read.LogRootLayout;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The pair of groups a log root's comparisons report, declared in the log root by whoever made its
 * runs (the study's sweep): {@value #FILE} in the log root's hidden {@value #DIRECTORY} directory,
 * which readers and TensorBoard pass over.
 *
 * <pre>{"pair": ["uniform-rule", "normal-rule"], "reason": "..."}</pre>
 *
 * <p>{@code reason} is optional. {@code compare --pair} takes precedence over the declaration.
 */
public final class PairDeclaration {
  /** The hidden directory of dltrack's own files in a log root ({@link LogRootLayout}). */
  public static final String DIRECTORY = LogRootLayout.PRIVATE_DIRECTORY;

  /** The declaration's file in {@link #DIRECTORY}. */
  public static final String FILE = "compare.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PairDeclaration() {}

  /** Where the declaration of {@code logRoot} is. */
  public static Path file(Path logRoot) {
    return logRoot.resolve(DIRECTORY).resolve(FILE);
  }

  /**
   * Declares {@code pair} in {@code logRoot}, a directory or a store's URI ({@code
   * s3://bucket/logs}), replacing an earlier declaration whole.
   */
  public static void write(String logRoot, ComparedPair pair) throws IOException {
    if (!LogStores.isStore(logRoot)) {
      write(LogStores.localPath(logRoot), pair);
      return;
    }
    byte[] json = json(pair).getBytes(StandardCharsets.UTF_8);
    try (LogStore store = LogStores.open(logRoot, Map.of())) {
      store.put(DIRECTORY + "/" + FILE, json, 0, json.length);
    }
  }

  /** Declares {@code pair} in {@code logRoot}, replacing an earlier declaration whole. */
  public static void write(Path logRoot, ComparedPair pair) throws IOException {
    Path file = file(logRoot);
    String json = json(pair);
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
    try {
      Files.writeString(temporary, json);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String json(ComparedPair pair) throws JsonProcessingException {
    requireNonNull(pair, "pair");
    ObjectNode node = MAPPER.createObjectNode();
    node.putArray("pair").add(pair.first()).add(pair.second());
    if (!pair.reason().isEmpty()) {
      node.put("reason", pair.reason());
    }
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  /**
   * The pair declared in {@code logRoot}, or empty when none is; throws naming the file when it
   * cannot be read as a declaration.
   */
  public static Optional<ComparedPair> read(Path logRoot) throws IOException {
    Path file = file(logRoot);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      JsonNode pair = node == null ? null : node.get("pair");
      if (pair == null
          || !pair.isArray()
          || pair.size() != 2
          || !pair.get(0).isTextual()
          || !pair.get(1).isTextual()) {
        throw new IllegalArgumentException("\"pair\" must be an array of two group names");
      }
      JsonNode reason = node.get("reason");
      return Optional.of(
          new ComparedPair(
              pair.get(0).asText(), pair.get(1).asText(), reason == null ? "" : reason.asText()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the pair declared in "
              + file
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + "; fix or delete the file, or give --pair",
          e);
    }
  }
}
