package dev.dltrack.compare.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Runs a command as the launcher would, capturing what it prints; failures are thrown. */
public final class Cli {
  private Cli() {}

  /** What a command printed, and to which stream. */
  public record Output(String out, String err) {}

  /** Parses {@code args} into {@code command} and calls it; its exception, if any, is thrown. */
  public static Output run(Callable<Integer> command, String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.parseArgs(args);
    int exit = command.call();
    if (exit != 0) {
      throw new AssertionError("exit status " + exit + "; printed: " + out + err);
    }
    return new Output(out.toString(), err.toString());
  }
}
