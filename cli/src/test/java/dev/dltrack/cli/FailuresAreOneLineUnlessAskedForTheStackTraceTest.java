package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A failing command prints one line naming the command and what went wrong; {@code --stacktrace}
 * (before or after the command's name) or {@code DLTRACK_DEBUG=1} adds the cause's stack trace.
 */
class FailuresAreOneLineUnlessAskedForTheStackTraceTest {
  @TempDir Path empty;

  private record Result(int exit, String err) {}

  private Result run(Map<String, String> env, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(env);
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return new Result(cli.execute(args), err.toString());
  }

  @Test
  void aFailureIsOneLine() {
    Result r = run(Map.of(), "compare", empty.resolve("missing").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines())
        .containsExactly(
            "dltrack compare: no such log directory: "
                + empty.resolve("missing")
                + "; give the directory the runs were logged to (the tracker's default is logs)");
  }

  @Test
  void theStackTraceOptionAfterTheCommandAddsTheCausesStackTrace() {
    Result r = run(Map.of(), "compare", "--stacktrace", empty.resolve("missing").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("dltrack compare: no such log"));
    assertThat(r.err())
        .contains("java.lang.IllegalArgumentException: no such log directory")
        .contains("\tat dev.dltrack.compare.");
  }

  @Test
  void theStackTraceOptionBeforeTheCommandDoesTheSame() {
    Result r = run(Map.of(), "--stacktrace", "show", empty.resolve("missing").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("dltrack show: no such file or directory: ").contains("java.nio.file.NoSuchFileException", "\tat ");
  }

  @Test
  void theDebugVariableAddsTheStackTraceToo() {
    Result r = run(Map.of("DLTRACK_DEBUG", "1"), "compare", empty.resolve("missing").toString());
    Result off = run(Map.of("DLTRACK_DEBUG", "0"), "compare", empty.resolve("missing").toString());

    assertThat(r.err()).contains("\tat dev.dltrack.compare.");
    assertThat(off.err().lines()).hasSize(1);
  }

  @Test
  void theVersionIsTheBuildsVersion() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));

    assertThat(cli.execute("--version")).isZero();
    assertThat(out.toString().strip()).isEqualTo("dltrack " + System.getProperty("dltrack.version"));
    assertThat(System.getProperty("dltrack.version")).matches("\\d+\\.\\d+\\.\\d+.*");
  }
}
