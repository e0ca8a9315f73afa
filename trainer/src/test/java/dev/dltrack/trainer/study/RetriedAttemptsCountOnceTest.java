package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The terminal's bar counts each run's iterations once: when a run's attempt fails and the run
 * starts again (a Spark task retried), the failed attempt's iterations are taken off the bar, so
 * that the bar ends at the sweep's total and its rate and ETA stay true.
 */
class RetriedAttemptsCountOnceTest {
  @Test
  void aRetriedRunsFailedAttemptNoLongerCounts() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (ConsoleProgress progress = new ConsoleProgress(out, 20)) {
      progress.runStarted("a", 10);
      progress.runStarted("b", 10);
      for (int i = 0; i < 7; i++) {
        progress.iterationDone("a");
      }
      for (int i = 0; i < 4; i++) {
        progress.iterationDone("b");
      }
      assertThat(progress.iterationsShown()).isEqualTo(11);
      progress.attemptFailed("a", "attempt 1 of 4 failed; Spark retries it");
      progress.runStarted("a", 10);
      assertThat(progress.iterationsShown()).as("b's 4, a's failed 7 taken off").isEqualTo(4);
      for (int i = 0; i < 10; i++) {
        progress.iterationDone("a");
      }
      for (int i = 0; i < 6; i++) {
        progress.iterationDone("b");
      }
      assertThat(progress.iterationsShown()).isEqualTo(20);
    }
  }
}
