package dev.dltrack.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.TinyDataset;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.trainer.study.SweepRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose every attempt fails ends FAILURE with its reason in the table, and the sweep's other
 * runs go on: here a plain file stands where the run's directory would go, so the tracker refuses
 * to open it, on both attempts {@code local[2,2]} allows.
 */
class ARunThatFailsForGoodLeavesTheOthersTest {
  @TempDir Path data;
  @TempDir Path logs;

  @Test
  @Timeout(300)
  void theFailedRunEndsFailureWithItsReasonAndTheOtherSucceeds() throws Exception {
    TinyDataset.write(data, 600, 100);
    Files.writeString(logs.resolve("zeros"), "not a run directory");
    String text = LocalSparkMatchesThePlainSweepTest.sweep(SweepRequest.builder()
        .backend("spark").option("master", "local[2,2]").option("logs", "shared")
        .schemes(List.of("zeros", "he-normal")).epochs(1).batch(50).dataDir(data).logRoot(logs));

    // the first attempt's failure is reported as retried, the second as final
    assertThat(text).contains("attempt 1 of 2 failed").contains("Spark retries it");
    String table = text.substring(text.lastIndexOf("scheme "));
    String zeros = table.lines().filter(l -> l.startsWith("zeros")).findFirst().orElseThrow();
    assertThat(zeros).contains("FAILURE");
    assertThat(table).contains("attempt 2 of 2").contains("zeros");
    assertThat(table.lines().filter(l -> l.startsWith("he-normal")).findFirst().orElseThrow()).contains("SUCCESS");

    assertThat(Files.readString(logs.resolve("zeros"))).as("what was in the way is left alone")
        .isEqualTo("not a run directory");
    assertThat(LogRoot.read(logs).run("he-normal").orElseThrow().session().orElseThrow().status())
        .isEqualTo(RunStatus.SUCCESS);
  }
}
