package dev.dltrack.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of a benchmark main that {@code bench/run} starts: {@code OUT.json [--quick]}.
 *
 * @param out where the JSON part goes
 * @param quick whether to run small sizes, only to see that everything works
 */
public record BenchArgs(Path out, boolean quick) {
  private static final String QUICK = "--quick";

  /** Parses {@code args}; {@code main} names the program in the usage message. */
  public static BenchArgs parse(String main, String[] args) {
    List<String> a = List.of(args);
    boolean valid = (a.size() == 1 && !a.get(0).startsWith("-"))
        || (a.size() == 2 && !a.get(0).startsWith("-") && a.get(1).equals(QUICK));
    if (!valid) {
      throw new IllegalArgumentException("usage: " + main + " OUT.json [" + QUICK + "]; got " + a);
    }
    return new BenchArgs(Path.of(a.get(0)), a.size() == 2);
  }
}
