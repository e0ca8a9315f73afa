package dev.dltrack.compare.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.testing.RunLogs;
import dev.dltrack.tracker.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CSV holds one table with the column ids as its header, values without rounding, NaN as {@code
 * NaN}, missing values empty, and fields with commas, quotes or line breaks quoted (RFC 4180).
 */
class CsvIsExactAndQuotedTest {
  private static final Comparison COMPARISON =
      Comparison.of(
          List.of(
              RunLogs.series(
                      RunLogs.run(
                          "a,\"b\"",
                          Map.of("model", "mlp, wide", "seed", 1.0),
                          "g",
                          RunStatus.SUCCESS),
                      "val/accuracy",
                      0.5,
                      0.8799999952316284)
                  .build(),
              RunLogs.series(
                      RunLogs.run("c", Map.of("model", "mlp", "seed", 2.0), "g", RunStatus.FAILURE),
                      "val/accuracy",
                      Double.NaN)
                  .build()),
          List.of(MetricSpec.of("val/accuracy"), MetricSpec.of("test/accuracy")));

  private static String csv(boolean groupsOnly) {
    StringWriter out = new StringWriter();
    OutputFormat.CSV.write(
        ComparisonView.of(
            COMPARISON,
            "run",
            false,
            groupsOnly ? ComparisonView.Part.GROUPS : ComparisonView.Part.ALL),
        new PrintWriter(out));
    return out.toString();
  }

  @Test
  void theRunTableIsExact() {
    assertThat(csv(false))
        .isEqualTo(
            "run,model,seed,val/accuracy,val/accuracy:best,val/accuracy:best_step,test/accuracy,"
                + "test/accuracy:best,test/accuracy:best_step,status,wall_time\r\n"
                + "\"a,\"\"b\"\"\",\"mlp, wide\",1,0.8799999952316284,0.8799999952316284,2,,,,success,90.0\r\n"
                + "c,mlp,2,NaN,,,,,,failure,90.0\r\n");
  }

  @Test
  void groupsReplaceRunsWhenAskedFor() {
    assertThat(csv(true))
        .startsWith(
            "group,runs,val/accuracy:n,val/accuracy:mean,val/accuracy:sd,val/accuracy:ci_low,"
                + "val/accuracy:ci_high,test/accuracy:n,")
        // the two runs differ in model: two groups of one
        .contains("\r\nmodel=mlp,")
        .contains("\r\n\"model=mlp, wide\",1,1,0.8799999952316284,,,,0,,,,\r\n");
  }
}
