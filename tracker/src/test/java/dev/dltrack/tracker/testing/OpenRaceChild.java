package dev.dltrack.tracker.testing;

import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A process that races others to open one run, on command, for the open-race tests. It reads lines
 * from standard input and answers each on standard output:
 *
 * <ul>
 *   <li>{@code OPEN <logRoot> <run> <FAIL|RESUME|OVERWRITE> <id> <firstStep> <atEpochMillis>}:
 *       waits until the wall clock reaches {@code atEpochMillis} (every racer is given the same
 *       instant), opens the run with that policy and, if it wins, logs {@link #STEPS} values {@code
 *       id} of scalar {@code x} from {@code firstStep}, flushes and answers {@code WON}, keeping
 *       the run open; answers {@code LOCKED} when refused with {@link RunLockedException}, or
 *       {@code ERROR <exception>} for anything else;
 *   <li>{@code CLOSE}: closes the run it won and answers {@code CLOSED};
 *   <li>{@code EXIT}: ends.
 * </ul>
 */
public final class OpenRaceChild {
  /** How many values a winner logs. */
  public static final int STEPS = 100;

  private OpenRaceChild() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Run won = null;
    for (String line; (line = in.readLine()) != null; ) {
      String[] w = line.split(" ");
      switch (w[0]) {
        case "OPEN" -> {
          long at = Long.parseLong(w[6]);
          while (System.currentTimeMillis() < at) {
            Thread.onSpinWait();
          }
          String answer;
          try {
            won =
                open(
                    Path.of(w[1]),
                    w[2],
                    IfExists.valueOf(w[3]),
                    Integer.parseInt(w[4]),
                    Long.parseLong(w[5]));
            answer = "WON";
          } catch (RunLockedException e) {
            answer = "LOCKED " + e.getMessage();
          } catch (Exception e) {
            answer = "ERROR " + e;
          }
          System.out.println(answer.replace('\n', ' '));
        }
        case "CLOSE" -> {
          won.close();
          won = null;
          System.out.println("CLOSED");
        }
        case "EXIT" -> {
          return;
        }
        default -> System.out.println("ERROR unknown command: " + line);
      }
      System.out.flush();
    }
  }

  /** Opens the run and, having won it, logs into it and flushes; the caller closes it. */
  public static Run open(Path logRoot, String name, IfExists policy, int id, long firstStep)
      throws Exception {
    Run run = Run.builder(name).logRoot(logRoot).ifExists(policy).open();
    for (long s = firstStep; s < firstStep + STEPS; s++) {
      run.scalar("x", s, id);
    }
    run.flush();
    return run;
  }
}
