package dev.dltrack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark's results survive the JSON part and come out as the Markdown tables. */
class ReportTest {
  @TempDir Path dir;

  private static Report sample() {
    Report report = new Report("a benchmark");
    report.note("3 repetitions");
    report.row(new Row("scalars", "tracker", "throughput", "values/s", new Stats(2.5e6, 2e6, 3e6)));
    report.ratio(
        Ratio.of("scalars", "tracker / tf", new Stats(28.3, 19.8, 40.8), Target.atLeast(1)));
    report.ratio(
        Ratio.of("training", "tracker / none", new Stats(1.21, 1.13, 1.29), Target.atMost(1.03)));
    report.ratio(Ratio.of("training", "stats / none", new Stats(1.4, 1.2, 1.5)));
    report.check(new Check("scalars", "read back", true, "10 of 10 values"));
    return report;
  }

  @Test
  void aPartReadsBackAsWritten() throws Exception {
    Report report = sample();
    Path json = dir.resolve("nested/part.json");

    report.write(json);

    assertThat(Report.read(json)).isEqualTo(report.part());
  }

  @Test
  void ratiosComeFirstWithTheirVerdicts() {
    String md = Markdown.render(List.of(sample().part()));

    assertThat(md).contains("| scalars: tracker / tf | 28.3 | 19.8 .. 40.8 | ≥ 1 | yes |");
    assertThat(md).contains("| training: tracker / none | 1.21 | 1.13 .. 1.29 | ≤ 1.03 | **no** |");
    assertThat(md).contains("| training: stats / none | 1.4 | 1.2 .. 1.5 |  |  |");
    assertThat(md)
        .contains("| tracker | throughput | 2,500,000 values/s | 2,000,000 .. 3,000,000 |");
    assertThat(md.indexOf("Ratios")).isLessThan(md.indexOf("a benchmark"));
  }

  @Test
  void benchmarksMergesPartsIntoMarkdownAndJson() throws Exception {
    Part sample = sample().part();
    Path part = dir.resolve("part.json");
    Report.JSON.writeValue(part.toFile(), sample);

    Benchmarks.main(
        new String[] {
          dir.resolve("out.md").toString(), dir.resolve("out.json").toString(), part.toString()
        });

    assertThat(Files.readString(dir.resolve("out.md"))).isEqualTo(Markdown.render(List.of(sample)));
    assertThat(Report.JSON.readValue(dir.resolve("out.json").toFile(), Part[].class))
        .containsExactly(sample);
  }

  @Test
  void aRatioWithoutItsVerdictIsRefused() {
    assertThatThrownBy(() -> new Ratio("s", "w", new Stats(1, 1, 1), Target.atLeast(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target and met come together");
  }
}
