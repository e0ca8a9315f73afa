package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.PairDeclaration;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code compare} and {@code report} turn their options into the compare library's request: the
 * runs, metrics, order, tables and pair asked for reach the output, and mistakes fail with one
 * line.
 */
class CompareAndReportTurnOptionsIntoARequestTest {
  @TempDir static Path logs;
  @TempDir static Path reports;

  private record Result(int exit, String out, String err) {}

  @BeforeAll
  static void writeLogs() throws IOException {
    double[][] accuracy = {{0.88, 0.885, 0.882}, {0.87, 0.872, 0.875}, {0.869, 0.870, 0.874}};
    String[] schemes = {"he-normal", "normal-rule", "uniform-rule"};
    for (int s = 0; s < schemes.length; s++) {
      for (int seed = 1; seed <= 3; seed++) {
        try (Run run =
            Run.builder(schemes[s] + "-s" + seed)
                .logRoot(logs)
                .formats("tensorboard")
                .config(Map.of("scheme", schemes[s], "seed", seed))
                .group(schemes[s])
                .open()) {
          run.scalar("val/accuracy", 10, accuracy[s][seed - 1]);
          run.scalar("val/loss", 10, 1 - accuracy[s][seed - 1]);
        }
      }
    }
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void theOptionsChooseRunsMetricsOrderAndFormat() {
    Result r = run("compare", logs.toString(), "--runs", "*-s1", "-m", "val/loss", "--sort", "val/loss", "--desc", "-f", "csv");

    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().toList())
        .first()
        .asString()
        .startsWith("run,scheme,val/loss,");
    assertThat(r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList())
        .containsExactly("uniform-rule-s1", "normal-rule-s1", "he-normal-s1");
  }

  @Test
  void pairAddsThePairsSentenceAndWithoutItThereIsNone() {
    Result without = run("compare", logs.toString(), "--groups");
    Result with = run("compare", logs.toString(), "--groups", "--pair", "uniform-rule,normal-rule");

    assertThat(without.out()).contains("Best val/accuracy: he-normal").doesNotContain(" against ");
    assertThat(with.out().replace("\n  ", " ")).contains("uniform-rule against normal-rule: over 3 seeds paired by seed");
  }

  @Test
  void aDeclaredPairIsReportedToo() throws IOException {
    Path declared = Files.createTempDirectory(reports, "declared");
    for (String scheme : new String[] {"a", "b", "c"}) {
      for (int seed = 1; seed <= 2; seed++) {
        try (Run run = Run.builder(scheme + "-s" + seed).logRoot(declared).formats("tensorboard").group(scheme).open()) {
          run.scalar("val/accuracy", 1, scheme.charAt(0) / 1000.0 + seed / 100.0);
        }
      }
    }
    PairDeclaration.write(declared, new ComparedPair("a", "b", "declared by the test"));

    Result r = run("compare", declared.toString(), "--differences");

    assertThat(r.out().replace("\n  ", " ")).contains("a against b (declared by the test): over 2 and 2 seeds");
  }

  @Test
  void groupsAndDifferencesExcludeEachOther() {
    Result r = run("compare", logs.toString(), "--groups", "--differences");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("dltrack compare: --groups and --differences exclude each other; give one" + System.lineSeparator());
  }

  @Test
  void aBadPairFailsWithOneLine() {
    Result r = run("compare", logs.toString(), "--pair", "he-normal");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines())
        .containsExactly(
            "dltrack compare: a pair is two group names separated by a comma, e.g."
                + " uniform-rule,normal-rule: 'he-normal'");
  }

  @Test
  void reportWritesTheFileAndSaysSo() throws IOException {
    Path report = reports.resolve("report.html");

    Result r = run("report", logs.toString(), "-o", report.toString(), "--pair", "uniform-rule,normal-rule");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("wrote " + report + ": 9 runs, ");
    assertThat(Files.readString(report))
        .contains("<title>Runs in " + logs, "<li>uniform-rule against normal-rule: over 3 seeds");
  }

  @Test
  void aReportIntoAMissingDirectoryFailsWithOneLine() {
    Path out = reports.resolve("no/such/report.html");

    Result r = run("report", logs.toString(), "-o", out.toString());

    assertThat(r.err().lines())
        .containsExactly("dltrack report: cannot write " + out + ": no such directory " + out.getParent() + "; create it first");
  }
}
