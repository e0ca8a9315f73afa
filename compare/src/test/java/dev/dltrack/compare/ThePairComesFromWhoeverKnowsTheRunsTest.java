package dev.dltrack.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import dev.dltrack.tracker.read.LogRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison knows no pair of its own: the pair it reports besides the best against the rest
 * comes from the request ({@code --pair}) or from the log root's declaration ({@code
 * .dltrack/compare.json}), the request's first; with neither, there is no pair.
 */
class ThePairComesFromWhoeverKnowsTheRunsTest {
  @TempDir Path logs;

  private JsonNode compare(ComparisonRequest.Builder request) throws Exception {
    return new ObjectMapper().readTree(Compare.print(request, OutputFormat.JSON));
  }

  private JsonNode compare() throws Exception {
    return compare(ComparisonRequest.builder(logs));
  }

  private JsonNode compare(String pair) throws Exception {
    return compare(ComparisonRequest.builder(logs).pair(ComparedPair.parse(pair)));
  }

  private static List<String> references(JsonNode json) {
    return json.get("differences").findValuesAsText("vs");
  }

  private void writeLogs() throws Exception {
    for (String scheme : List.of("he-normal", "normal-rule", "uniform-rule", "zeros")) {
      for (int seed = 1; seed <= 3; seed++) {
        double quality = scheme.equals("zeros") ? 0.1 : scheme.equals("he-normal") ? 0.88 : 0.87;
        StudyLogs.write(logs, scheme, seed, Shape.SMALL, quality + 0.001 * seed, false);
      }
    }
  }

  @Test
  void withoutAPairOnlyTheBestIsComparedWithTheRest() throws Exception {
    writeLogs();

    JsonNode json = compare();

    assertThat(references(json)).containsOnly("he-normal");
    assertThat(json.get("statements")).hasSize(1);
    assertThat(json.get("statements").get(0).asText()).startsWith("Best val/accuracy: he-normal");
  }

  @Test
  void aPairAskedForAddsThePairAndItsSentence() throws Exception {
    writeLogs();

    JsonNode json = compare("uniform-rule,normal-rule");

    assertThat(json.get("differences")).hasSize(4);
    assertThat(json.get("differences").get(3).get("group").asText()).isIn("uniform-rule", "normal-rule");
    assertThat(json.get("statements").get(1).asText()).startsWith("uniform-rule against normal-rule: over 3 seeds");
  }

  @Test
  void theLogRootsDeclarationAddsThePairWithItsReason() throws Exception {
    writeLogs();
    PairDeclaration.write(logs, new ComparedPair("uniform-rule", "normal-rule", "the article's open question"));

    JsonNode json = compare();

    assertThat(json.get("differences")).hasSize(4);
    assertThat(json.get("statements").get(1).asText())
        .startsWith("uniform-rule against normal-rule (the article's open question): over 3 seeds");
    // the declaration is no run, and the reader does not see it
    assertThat(LogRoot.read(logs).runs()).hasSize(12);
    assertThat(Files.readString(logs.resolve(".dltrack/compare.json")))
        .contains("\"pair\"", "\"uniform-rule\"", "\"normal-rule\"", "\"reason\"");
    assertThat(PairDeclaration.read(logs))
        .contains(new ComparedPair("uniform-rule", "normal-rule", "the article's open question"));
  }

  @Test
  void aPairAskedForTakesPrecedenceOverTheDeclaration() throws Exception {
    writeLogs();
    PairDeclaration.write(logs, new ComparedPair("uniform-rule", "normal-rule", "declared"));

    JsonNode json = compare("zeros,normal-rule");

    assertThat(json.get("statements").get(1).asText()).startsWith("zeros against normal-rule: over 3 seeds");
  }

  @Test
  void aReportShowsTheDeclaredPairToo() throws Exception {
    writeLogs();
    PairDeclaration.write(logs, new ComparedPair("uniform-rule", "normal-rule", ""));
    Path report = logs.resolveSibling(logs.getFileName() + "-report.html");

    Compare.report(logs, report);

    assertThat(Files.readString(report)).contains("<li>uniform-rule against normal-rule: over 3 seeds");
    Files.delete(report);
  }

  @Test
  void aBadPairOrDeclarationSaysWhatToFix() throws Exception {
    writeLogs();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> compare("uniform-rule"))
        .withMessage(
            "a pair is two group names separated by a comma, e.g. uniform-rule,normal-rule: 'uniform-rule'");

    Files.createDirectories(logs.resolve(".dltrack"));
    Files.writeString(logs.resolve(".dltrack/compare.json"), "{\"pair\": [\"uniform-rule\"]}");

    assertThatIllegalArgumentException()
        .isThrownBy(this::compare)
        .withMessage(
            "cannot read the pair declared in "
                + logs.resolve(".dltrack/compare.json")
                + ": \"pair\" must be an array of two group names; fix or delete the file, or give --pair");
    // a pair given does not need the declaration
    assertThat(compare("uniform-rule,normal-rule").get("statements")).hasSize(2);
  }
}
