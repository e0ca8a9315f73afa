package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed between creating a temp file for the summary or config and renaming it leaves
 * that temp file in {@code wandb/}; the next writer of the run (it holds the run's lock, so no
 * other writer can be using one) removes such files when it opens, and nothing else.
 */
class KilledWritersTempFilesAreRemovedTest {
  @TempDir Path root;

  @Test
  void reopeningTheRunRemovesTheKilledWritersTempFilesOnly() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 1.0);
    }
    Path dir = root.resolve("r").resolve("wandb");
    // what a writer with pid 4242 killed mid-replacement leaves, and a file of the user's
    Files.writeString(dir.resolve(".wandb-summary.json.4242.7.tmp"), "{\"loss\": 0.9");
    Files.writeString(dir.resolve(".config.yaml.4242.8.tmp"), "");
    Files.writeString(dir.resolve("notes.tmp"), "mine");

    try (Run run = Run.builder("r").logRoot(root).formats("wandb").resume().open()) {
      run.scalar("loss", 1, 0.5);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .doesNotContain(".wandb-summary.json.4242.7.tmp", ".config.yaml.4242.8.tmp")
          .contains("notes.tmp", "wandb-summary.json", "config.yaml");
    }
    assertThat(WandbRuns.read(root.resolve("r")).summary()).containsEntry("loss", 0.5);
  }
}
