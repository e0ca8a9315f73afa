package dev.dltrack.cli;

import dev.dltrack.compare.CompareCommand;
import dev.dltrack.compare.ReportCommand;
import dev.dltrack.trainer.study.SweepCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dltrack} launcher: one command per job, {@code --help} on each. */
@Command(
    name = "dltrack",
    mixinStandardHelpOptions = true,
    version = "dltrack 0.1.0",
    description = "Track, run and compare deep-learning training runs.",
    subcommands = {
      SweepCommand.class,
      ShowCommand.class,
      CompareCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for tests and for {@link #main}. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              // the message names the file or value and what to do; a stack trace adds nothing
              cmd.getErr().println("dltrack " + cmd.getCommandName() + ": " + message(e));
              return 1;
            });
  }

  private static String message(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file or directory: " + n.getFile()
          + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
