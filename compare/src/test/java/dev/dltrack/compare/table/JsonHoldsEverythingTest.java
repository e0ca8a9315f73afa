package dev.dltrack.compare.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.compare.model.Comparison;
import dev.dltrack.compare.model.MetricSpec;
import dev.dltrack.compare.testing.RunLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON is valid JSON (NaN as a string) with every run in the order asked for, every group with its
 * interval, the differences between groups, the statements and the notes.
 */
class JsonHoldsEverythingTest {
  private static final Comparison COMPARISON =
      Comparison.of(
          List.of(
              RunLogs.seed("he", 1, 0.5, 0.80),
              RunLogs.seed("he", 2, 0.5, 0.82),
              RunLogs.seed("he", 3, 0.5, 0.84),
              RunLogs.seed("zeros", 1, 0.1, Double.NaN)),
          List.of(MetricSpec.of("val/accuracy"), MetricSpec.of("val/loss")));

  private static JsonNode json(boolean groupsOnly) throws Exception {
    StringWriter out = new StringWriter();
    OutputFormat.JSON.write(
        ComparisonView.of(
            COMPARISON,
            "val/accuracy",
            true,
            groupsOnly ? ComparisonView.Part.GROUPS : ComparisonView.Part.ALL),
        new PrintWriter(out));
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void runsComeInTheOrderAskedForWithExactValues() throws Exception {
    JsonNode root = json(false);

    List<String> names = new ArrayList<>();
    root.get("runs").forEach(r -> names.add(r.get("name").asText()));
    assertThat(names).containsExactly("he-s3", "he-s2", "he-s1", "zeros-s1");
    JsonNode he3 = root.get("runs").get(0);
    assertThat(he3.get("status").asText()).isEqualTo("success");
    assertThat(he3.get("hparams").get("seed").asDouble()).isEqualTo(3.0);
    JsonNode acc = he3.get("metrics").get("val/accuracy");
    assertThat(acc.get("final").asDouble()).isEqualTo(0.84);
    assertThat(acc.get("finalStep").asLong()).isEqualTo(2);
    assertThat(acc.get("best").asDouble()).isEqualTo(0.84);
    assertThat(acc.get("gap").isNull()).isTrue();
    assertThat(he3.get("metrics").get("val/loss").get("final").isNull()).isTrue();
    JsonNode zeros = root.get("runs").get(3).get("metrics").get("val/accuracy");
    assertThat(zeros.get("final").asText()).isEqualTo("NaN");
    assertThat(zeros.get("best").asDouble()).isEqualTo(0.1);
  }

  @Test
  void groupsCarryTheirStatisticsAndComparisons() throws Exception {
    JsonNode root = json(false);

    JsonNode he = root.get("groups").get(0);
    assertThat(he.get("name").asText()).isEqualTo("he");
    JsonNode stats = he.get("metrics").get("val/accuracy");
    assertThat(stats.get("n").asInt()).isEqualTo(3);
    assertThat(stats.get("mean").asDouble()).isCloseTo(0.82, within(1e-12));
    assertThat(stats.get("ci95").get(0).asDouble()).isCloseTo(0.82 - 0.0496827, within(1e-7));
    assertThat(root.get("groups").get(1).get("metrics").get("val/accuracy").get("ci95").isNull())
        .isTrue();
    JsonNode difference = root.get("differences").get(0);
    assertThat(difference.get("group").asText()).isEqualTo("zeros");
    assertThat(difference.get("vs").asText()).isEqualTo("he");
    // zeros ran seed 1 only, he seeds 1 to 3: not the same seeds, so not paired
    assertThat(difference.get("test").asText()).isEqualTo("welch");
    JsonNode accuracy = difference.get("metrics").get("val/accuracy");
    assertThat(accuracy.get("p").isNull()).isTrue();
    assertThat(accuracy.get("pHolm").isNull()).isTrue();
    assertThat(accuracy.get("significant").asBoolean()).isFalse();
    assertThat(accuracy.get("reason").asText()).isEqualTo("zeros has 1 seed");
    assertThat(root.get("statements").get(0).asText())
        .startsWith(
            "Best val/accuracy: he (mean 0.820 over 3 seeds). It cannot be tested against zeros");
    assertThat(root.get("notes").get(0).asText()).startsWith("no run logged val/loss");
    assertThat(root.get("differingHParams")).hasSize(2);
  }

  @Test
  void groupsOnlyLeavesTheRunsOut() throws Exception {
    JsonNode root = json(true);

    assertThat(root.has("runs")).isFalse();
    assertThat(root.get("groups")).hasSize(2);
  }
}
