package dev.dltrack.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.compare.table.ComparisonView.Part;
import dev.dltrack.compare.table.OutputFormat;
import dev.dltrack.compare.testing.Compare;
import dev.dltrack.compare.testing.StudyLogs;
import dev.dltrack.compare.testing.StudyLogs.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on the study run with five seeds (logs written through the tracker, made-up
 * curves): every format holds each scheme's statistics and the differences between schemes, and
 * says in words how the best scheme compares with the rest and whether uniform-rule can be told
 * from normal-rule (the pair the log root declares, as the study's sweep does); none says that
 * overlapping intervals mean "not significant".
 */
class CompareAnswersTheArticlesQuestionTest {
  @TempDir static Path logs;
  @TempDir static Path reports;

  private static final String ARTICLE = "the pair the study's article could not tell apart";
  private static final String PAIR_STATEMENT = "uniform-rule against normal-rule (" + ARTICLE + ")";

  @BeforeAll
  static void writeLogs() throws Exception {
    StudyLogs.writeSeededSweep(logs, 5, Shape.SMALL);
    PairDeclaration.write(logs, new ComparedPair("uniform-rule", "normal-rule", ARTICLE));
  }

  private static String compare(OutputFormat format, Part part) throws Exception {
    return Compare.print(ComparisonRequest.builder(logs).part(part), format);
  }

  @Test
  void theTextSaysWhichSchemesDifferInEightyColumns() throws Exception {
    String out = compare(OutputFormat.TEXT, Part.ALL);

    List<String> lines = Arrays.asList(out.split("\n"));
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(out).contains("Seed groups", "Differences between seed groups", "Holm p");
    assertThat(out).contains("Best val/accuracy: ");
    // sentences are wrapped at 80 columns, continuation lines indented by two spaces
    assertThat(out.replace("\n  ", " "))
        .contains(PAIR_STATEMENT + ": over 5 seeds paired by seed");
    assertThat(out).doesNotContain("overlap");
    // every scheme but the best has a row in each block of the difference table
    String differences = out.substring(out.indexOf("Differences between seed groups"));
    assertThat(differences).contains("zeros", "ones", "uniform ", "lsuv", "paired");
    assertThat(differences).doesNotContain("Welch  ");
  }

  @Test
  void theConstantsAreSignificantlyWorseThanTheBest() throws Exception {
    JsonNode json = new ObjectMapper().readTree(compare(OutputFormat.JSON, Part.ALL));

    JsonNode differences = json.get("differences");
    // eleven against the best, and the declared pair unless one of them is the best
    assertThat(differences.size()).isBetween(11, 12);
    for (JsonNode d : differences) {
      assertThat(d.get("test").asText()).isEqualTo("paired");
      JsonNode acc = d.get("metrics").get("val/accuracy");
      assertThat(acc.get("n1").asInt()).isEqualTo(5);
      assertThat(acc.get("pHolm").asDouble()).isGreaterThanOrEqualTo(acc.get("p").asDouble());
      if (List.of("zeros", "ones", "uniform").contains(d.get("group").asText())) {
        assertThat(acc.get("significant").asBoolean()).isTrue();
        assertThat(acc.get("ci95").get(1).asDouble()).isNegative();
      }
    }
    assertThat(json.toString()).doesNotContain("overlap");
    assertThat(json.get("statements")).hasSize(2);
    assertThat(json.get("statements").get(1).asText())
        .startsWith(PAIR_STATEMENT);
  }

  @Test
  void csvWritesTheDifferenceTableAndMarkdownShowsItWithTheSentences() throws Exception {
    String csv = compare(OutputFormat.CSV, Part.DIFFERENCES);
    String markdown = compare(OutputFormat.MARKDOWN, Part.ALL);

    assertThat(csv)
        .startsWith(
            "group,vs,test,val/accuracy:difference,val/accuracy:diff_ci_low,"
                + "val/accuracy:diff_ci_high,val/accuracy:p,val/accuracy:p_holm,val/loss:difference");
    assertThat(csv.split("\r\n")).hasSizeBetween(12, 13);
    assertThat(csv).doesNotContain("overlap");
    assertThat(markdown).contains("## Differences between groups", "| group | vs | test |");
    assertThat(markdown).contains("- " + PAIR_STATEMENT);
    assertThat(markdown).doesNotContain("overlap");
  }

  @Test
  void theReportShowsTheDifferencesAndTheSentences() throws Exception {
    Path report = reports.resolve("report.html");
    Compare.report(logs, report);
    String html = Files.readString(report);

    assertThat(html).contains("<h3>Differences between groups</h3>");
    String statements = html.substring(html.indexOf("<ul class=\"statements\">"));
    statements = statements.substring(0, statements.indexOf("</ul>"));
    assertThat(statements)
        .contains("<li>Best val/accuracy: ", "<li>" + PAIR_STATEMENT.replace("'", "&#39;"))
        .doesNotContain("overlap");
  }
}
