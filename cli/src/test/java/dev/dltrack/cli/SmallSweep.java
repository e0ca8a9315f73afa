package dev.dltrack.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code dltrack sweep} as the tests run it: a small sweep's arguments, and what it prints. */
final class SmallSweep {
  private SmallSweep() {}

  /** What a sweep command returned, and everything it printed (output and errors). */
  record Result(int exit, String output) {}

  /**
   * The arguments of a sweep of {@code schemes} (comma-separated) for {@code epochs} epochs at
   * batch 50, two runs at once, on the data in {@code data}, into {@code logs}; then {@code more}.
   */
  static List<String> args(String schemes, int epochs, Path data, Path logs, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--schemes",
                schemes,
                "--epochs",
                Integer.toString(epochs),
                "--batch",
                "50",
                "--parallel",
                "2",
                "--data",
                data.toString(),
                "--logdir",
                logs.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * Runs the sweep command with {@code args}, its output and errors into one buffer; a failure
   * prints its message (no stack trace) and exits with 1.
   */
  static Result run(List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine cmd =
        new CommandLine(new SweepCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
    cmd.setExecutionExceptionHandler(
        (e, c, p) -> {
          c.getErr().println(e.getMessage());
          return 1;
        });
    int exit = cmd.execute(args.toArray(String[]::new));
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }
}
