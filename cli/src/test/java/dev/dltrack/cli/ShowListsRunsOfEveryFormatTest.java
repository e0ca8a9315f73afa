package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dltrack show} lists every run whatever format wrote it, and one unreadable file does not
 * hide the other runs: its problem is a warning and the exit code says so.
 */
class ShowListsRunsOfEveryFormatTest {
  @TempDir Path root;

  private record Result(int exit, String out) {}

  private Result show() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int exit = cli.execute("show", root.toString());
    return new Result(exit, out.toString());
  }

  @Test
  void aRunWrittenOnlyAsWandbFilesIsListed() throws Exception {
    try (Run run = Run.builder("wandb-only").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 0.25);
    }
    try (Run run = Run.builder("tb-only").logRoot(root).formats("tensorboard").open()) {
      run.scalar("loss", 0, 0.5);
    }
    Result r = show();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("run tb-only").contains("run wandb-only").contains("2 run(s)");
    assertThat(r.out()).contains("status SUCCESS");
  }

  @Test
  void aRunWithABadFileIsShownWithAWarningAndTheOthersAsUsual() throws Exception {
    try (Run run = Run.builder("good").logRoot(root).open()) {
      run.scalar("loss", 0, 0.5);
    }
    try (Run run = Run.builder("bad").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 0.5);
    }
    Files.writeString(root.resolve("bad/wandb/wandb-history.jsonl"), "{not json\n");
    Result r = show();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("run good").contains("run bad").contains("warning:");
    assertThat(r.out()).contains("wandb-history.jsonl");
  }
}
