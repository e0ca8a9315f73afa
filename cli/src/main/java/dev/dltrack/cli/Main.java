package dev.dltrack.cli;

import java.nio.file.NoSuchFileException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code dltrack} launcher: one command per job, {@code --help} on each. */
@Command(
    name = "dltrack",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Track, run and compare deep-learning training runs.",
    subcommands = {
      SweepCommand.class,
      ShowCommand.class,
      CompareCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** The option that shows a failure's stack trace; on every command. */
  static final String STACKTRACE = "--stacktrace";

  /**
   * The environment variable that, set to 1, shows a failure's stack trace as {@value #STACKTRACE}
   * does.
   */
  static final String DEBUG_VARIABLE = "DLTRACK_DEBUG";

  @Spec CommandSpec spec;

  @Option(
      names = STACKTRACE,
      scope = ScopeType.INHERIT,
      description =
          "On a failure, print the full stack trace of its cause after the one-line message (or set DLTRACK_DEBUG=1).")
  boolean stacktrace;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for tests and for {@link #main}. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * The command line in an environment {@code env} (which {@value #DEBUG_VARIABLE} is read from).
   */
  static CommandLine commandLine(Map<String, String> env) {
    boolean debug = "1".equals(env.get(DEBUG_VARIABLE));
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              // the message names the file or value and what to do; the stack trace only on request
              cmd.getErr().println("dltrack " + cmd.getCommandName() + ": " + message(e));
              if (debug || asked(parsed)) {
                e.printStackTrace(cmd.getErr());
              }
              cmd.getErr().flush();
              return 1;
            });
  }

  /** Whether {@value #STACKTRACE} was given, before the command's name or after it. */
  private static boolean asked(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(STACKTRACE)) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory: "
          + n.getFile()
          + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
