package dev.dltrack.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake on the command line fails with one line that names the bad value and says what
 * to do, which the launcher prints as it is.
 */
class BadInputFailsWithOneLineTest {
  @TempDir static Path dir;
  static Path logs;

  @BeforeAll
  static void writeLogs() throws Exception {
    logs = dir.resolve("logs");
    StudyLogs.write(logs, "he-normal", 1, Shape.SMALL, 0.8, false);
    StudyLogs.write(logs, "zeros", 1, Shape.SMALL, 0.1, false);
  }

  private static void assertFails(String message, ThrowingCallable comparing) {
    assertThatThrownBy(comparing)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingLogDirectory() {
    Path missing = dir.resolve("nope");
    assertFails(
        "no such log directory: " + missing
            + "; give the directory the runs were logged to (the tracker's default is logs)",
        () -> Compare.print(missing));
  }

  @Test
  void aFileInsteadOfALogDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertFails(
        file + " is not a directory; give the log root, the directory holding one directory per run",
        () -> Compare.print(file));
  }

  @Test
  void aDirectoryWithoutRuns() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertFails(
        "no runs in " + empty + ": no directory under it holds TensorBoard event files"
            + " (events.out.tfevents.*) or W&B run files (wandb/wandb-history.jsonl); give the"
            + " log root the runs were logged to",
        () -> Compare.print(empty));
  }

  @Test
  void anUnknownSortColumn() {
    assertFails(
        "unknown sort column 'acc'; use one of: run, scheme, val/accuracy, val/accuracy:best,"
            + " val/accuracy:best_step, val/accuracy:gap, val/loss, val/loss:best,"
            + " val/loss:best_step, val/loss:gap, test/accuracy, test/accuracy:best,"
            + " test/accuracy:best_step, status, wall_time",
        () -> Compare.print(ComparisonRequest.builder(logs).sort("acc", false)));
  }

  @Test
  void anUnknownFormat() {
    assertFails("unknown format 'xml'; use one of: text, markdown, csv, json", () -> OutputFormat.parse("xml"));
  }

  @Test
  void aRunPatternMatchingNothing() {
    assertFails(
        "no run in " + logs + " matches --runs 'lsuv*'; its runs are: he-normal-s1, zeros-s1",
        () -> Compare.print(ComparisonRequest.builder(logs).runs("lsuv*")));
  }

  @Test
  void aBrokenRunPattern() {
    assertThatThrownBy(() -> ComparisonRequest.builder(logs).runs("he-[a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--runs 'he-[a' is not a glob (")
        .hasMessageEndingWith("); write one like 'he-*'");
  }

  @Test
  void aReportIntoAMissingDirectory() {
    Path out = dir.resolve("no/such/report.html");
    assertThatThrownBy(() -> Compare.report(logs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot write " + out + ": no such directory " + out.getParent() + "; create it first");
  }
}
