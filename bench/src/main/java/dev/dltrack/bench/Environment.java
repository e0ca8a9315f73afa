package dev.dltrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where and when a benchmark ran. The load average is taken at the start, so that a figure taken on
 * a busy machine says so.
 */
public record Environment(
    String started,
    String cpu,
    int cpus,
    String os,
    String java,
    String ompNumThreads,
    String loadAverage) {

  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
  private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

  /** This JVM's environment, now. */
  public static Environment current() {
    return new Environment(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        cpuModel().orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("unset"),
        currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
  static String currentLoadAverage() {
    try {
      String[] f = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> cpuModel() {
    try (Stream<String> lines = Files.lines(CPU_INFO)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
