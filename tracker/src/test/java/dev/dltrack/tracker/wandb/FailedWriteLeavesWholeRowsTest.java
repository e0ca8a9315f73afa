package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.Require;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails part-way, for real: a child JVM under a file size limit ({@code ulimit -f}, so
 * the kernel writes up to the limit and then refuses with EFBIG, as a full disk refuses with
 * ENOSPC). The history keeps whole rows only and still loads with pandas; a history that an earlier
 * writer left with a partial row is cut back to whole rows before anything is appended.
 */
class FailedWriteLeavesWholeRowsTest {
  private static final int LIMIT_KB = 64;

  @TempDir Path root;

  /** The child: logs more than the limit allows, flushes, and reports how it failed. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Run run =
          Run.builder("limited")
              .logRoot(Path.of(args[0]))
              .formats("wandb")
              .clock(new ManualClock(1_700_000_000_000L))
              .flushInterval(Duration.ofHours(1))
              .open();
      for (int s = 0; s < 5000; s++) {
        run.scalar("train/loss", s, 0.25);
        run.scalar("train/accuracy", s, 0.5);
      }
      try {
        run.flush();
        System.out.println("FLUSHED");
      } catch (IOException e) {
        System.out.println("FAILED " + e.getMessage());
      }
      try {
        run.close();
      } catch (IOException expected) {
        // the same failure again
      }
    }
  }

  @Test
  void aWriteCutShortByTheFileSizeLimitIsRolledBackToTheLastWholeRow() throws Exception {
    Path bash = Path.of("/bin/bash");
    Require.that(Files.isExecutable(bash), "bash (for ulimit -f)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                bash.toString(),
                "-c",
                "ulimit -f " + LIMIT_KB + " && exec \"$@\"",
                "bash",
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                root.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Path history = root.resolve("limited/wandb/wandb-history.jsonl");
    // the history or W&B's transaction log beside it, whichever reaches the limit first
    assertThat(out)
        .contains("FAILED")
        .contains("File too large")
        .containsAnyOf(history.toString(), ".wandb");
    Path txlog;
    try (var files = Files.walk(history.getParent())) {
      txlog = files.filter(f -> f.toString().endsWith(".wandb")).findFirst().orElseThrow();
    }
    LogScanner scanner =
        new LogScanner(new java.io.ByteArrayInputStream(Files.readAllBytes(txlog)));
    while (scanner.next() != null) {}
    assertThat(scanner.problem()).as("the transaction log holds whole records only").isNull();

    byte[] bytes = Files.readAllBytes(history);
    assertThat(bytes.length)
        .as("the row that crossed the limit was removed")
        .isLessThan(LIMIT_KB * 1024)
        .isGreaterThan(LIMIT_KB * 1024 - 200);
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    WandbRun w = WandbRuns.read(root.resolve("limited"));
    assertThat(w.warnings()).isEmpty();
    int rows = w.history().size();
    for (int i = 0; i < rows; i++) {
      assertThat(w.history().get(i))
          .containsEntry("_step", i)
          .containsEntry("train/loss", 0.25)
          .containsEntry("train/accuracy", 0.5);
    }
    assertThat(pandasRowCount(history)).isEqualTo(rows);
  }

  @Test
  void reopeningAHistoryThatEndsInAPartialRowCutsItOffFirst() throws Exception {
    Path history = root.resolve("cut/wandb/wandb-history.jsonl");
    Files.createDirectories(history.getParent());
    String whole = "{\"loss\":1.0,\"_step\":0,\"_runtime\":0.0,\"_timestamp\":1.0}\n";
    Files.writeString(history, whole + "{\"loss\":0.5,\"_st");
    try (Run run = Run.builder("cut").logRoot(root).formats("wandb").resume().open()) {
      run.scalar("loss", 1, 0.25);
    }
    List<String> lines = Files.readAllLines(history);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0) + "\n").isEqualTo(whole);
    assertThat(lines.get(1)).startsWith("{\"loss\":0.25,\"_step\":1,");
    assertThat(pandasRowCount(history)).isEqualTo(2);
  }

  /** How many rows pandas reads, the README's way. */
  private static int pandasRowCount(Path history) throws Exception {
    return Integer.parseInt(
        WandbFileFormatTest.lastLineOfPandas(
            "import pandas as pd, sys; print(len(pd.read_json(sys.argv[1], lines=True)))",
            history));
  }
}
