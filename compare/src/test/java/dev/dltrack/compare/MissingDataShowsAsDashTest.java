package dev.dltrack.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that failed before its test metrics, a run that never logged a metric, and a run whose
 * loss became NaN all show in every format: missing values as "—" (empty in CSV, null in JSON).
 */
class MissingDataShowsAsDashTest {
  @TempDir static Path logs;

  @BeforeAll
  static void writeLogs() throws Exception {
    Run failed =
        Run.builder("lsuv-s1").logRoot(logs).formats("tensorboard")
            .config(Map.of("scheme", "lsuv", "seed", 1)).open();
    failed.scalar("val/accuracy", 390, 0.5);
    failed.scalar("val/loss", 390, Double.NaN);
    failed.fail("loss became NaN");
    try (Run quiet =
        Run.builder("zeros-s1").logRoot(logs).formats("tensorboard")
            .config(Map.of("scheme", "zeros", "seed", 1)).open()) {
      quiet.scalar("train/loss", 390, 2.3);
    }
  }

  @Test
  void textShowsDashes() throws Exception {
    String text = Compare.print(logs);

    // a NaN loss is no best loss; the failed run never reached its test metrics
    assertThat(text).containsPattern("lsuv-s1 +lsuv +0\\.5000 +0\\.5000 +390 +NaN +— +— +— +— +—\n");
    assertThat(text).containsPattern("zeros-s1 +zeros( +—){9}\n");
    assertThat(text).containsPattern("lsuv-s1 +failure ");
    assertThat(text).contains("no run logged test/accuracy");
  }

  @Test
  void everyFormatCopes() throws Exception {
    for (String format : new String[] {"markdown", "csv", "json"}) {
      assertThat(Compare.print(ComparisonRequest.builder(logs), OutputFormat.parse(format)))
          .contains("lsuv-s1", "zeros-s1");
    }
    assertThat(Compare.print(ComparisonRequest.builder(logs), OutputFormat.CSV))
        .contains("\r\nzeros-s1,zeros,,,,,,,,,,success,");
  }
}
