package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wandb-summary.json}, {@code config.yaml} and {@code wandb-metadata.json} are replaced
 * whole, through a temp file no other writer shares, which is synced before the rename (the
 * directory after it). That the syncs reach the platter cannot be seen without cutting the power;
 * what is tested is that every writer's replacement is complete, none collides with another's,
 * and no temp file is left.
 */
class FilesAreReplacedWholeTest {
  @TempDir Path root;

  @Test
  void twoWritersReplacingOneFileNeverShareATempFileAndReadersSeeOnlyWholeFiles()
      throws Exception {
    Path file = root.resolve("wandb-summary.json");
    String a = "a".repeat(200_000);
    String b = "b".repeat(150_000);
    Files.writeString(file, a);
    AtomicBoolean writing = new AtomicBoolean(true);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (String content : List.of(a, b)) {
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    WandbFiles.replaceAtomically(
                        file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
                  }
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              }));
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                while (writing.get()) {
                  String text = Files.readString(file);
                  seen.add(text.equals(a) ? "a" : text.equals(b) ? "b" : "torn:" + text.length());
                }
              } catch (Throwable e) {
                synchronized (failures) {
                  failures.add(e);
                }
              }
            });
    reader.start();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    writing.set(false);
    reader.join();

    assertThat(failures).isEmpty();
    assertThat(seen).isSubsetOf("a", "b");
    assertThat(Files.readString(file)).isIn(a, b);
    try (var files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("wandb-summary.json");
    }
  }

  @Test
  void afterFlushTheSummaryIsCompleteAndNoTempFileIsLeft() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).formats("wandb").config("lr", 0.1).open()) {
      run.scalar("loss", 0, 1.0);
      run.summary("best", 0.5);
      run.flush();
      Path dir = root.resolve("r/wandb");
      assertThat(WandbRuns.read(root.resolve("r")).summary())
          .containsEntry("loss", 1.0)
          .containsEntry("best", 0.5);
      assertThat(WandbRuns.read(root.resolve("r")).config()).containsEntry("lr", 0.1);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(
                "wandb-history.jsonl",
                "wandb-summary.json",
                "config.yaml",
                "wandb-metadata.json",
                OfflineRun.find(dir).orElseThrow().getFileName().toString());
      }
      try (var files = Files.list(OfflineRun.find(dir).orElseThrow().resolve("files"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("wandb-summary.json", "config.yaml", "wandb-metadata.json");
      }
    }
  }

  @Test
  void aFailedReplacementLeavesTheOldFileAndNoTempFile() throws Exception {
    Path file = root.resolve("config.yaml");
    Files.writeString(file, "old");
    try {
      WandbFiles.replaceAtomically(
          file,
          out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full, say");
          });
    } catch (java.io.IOException expected) {
      assertThat(expected).hasMessage("disk full, say");
    }
    assertThat(Files.readString(file)).isEqualTo("old");
    try (var files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.yaml");
    }
  }
}
