package dev.dltrack.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.sun.management.OperatingSystemMXBean;
import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scalars per second end to end (first call to the return of close()) for the given formats, and
 * the caller's own time per {@code scalar()} call (the logging loop alone), as {@link
 * TrackerBenchmark} measures them, repeated: for comparing the W&amp;B output's per-scalar cost
 * between builds without running the whole benchmark. Usage: {@code WandbSinkCost N REPS FORMAT...
 * [KEY=VALUE...]} (run options, such as {@code wandb.classic=false}); prints each repetition and
 * the medians. It prints the process's CPU time per scalar (every thread: caller, writers, GC)
 * beside the rate: on a loaded machine the rate follows the load, the CPU time much less.
 */
public final class WandbSinkCost {
  private WandbSinkCost() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int reps = Integer.parseInt(args[1]);
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    String[] formats = Arrays.stream(rest).filter(a -> !a.contains("=")).toArray(String[]::new);
    Map<String, String> options = new LinkedHashMap<>();
    for (String a : rest) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        options.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    String label = String.join("+", rest);
    run(n / 2, formats, options); // warm-up
    double[] rates = new double[reps];
    double[] cpu = new double[reps];
    double[] caller = new double[reps];
    for (int r = 0; r < reps; r++) {
      long c0 = cpuNanos();
      double[] measured = run(n, formats, options);
      rates[r] = measured[0];
      caller[r] = measured[1];
      cpu[r] = (double) (cpuNanos() - c0) / n;
      System.out.printf(
          Locale.ROOT,
          "%s rep %d: %.2f M scalars/s, %.0f ns CPU per scalar, %.0f ns per scalar() call%n",
          label,
          r,
          rates[r] / 1e6,
          cpu[r],
          caller[r]);
    }
    Arrays.sort(caller);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.0f ns per scalar() call, the caller's own time (%.0f .. %.0f)%n",
        label,
        caller[reps / 2],
        caller[0],
        caller[reps - 1]);
    Arrays.sort(rates);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.0f ns CPU per scalar (%.0f .. %.0f)%n",
        label,
        cpu[reps / 2],
        cpu[0],
        cpu[reps - 1]);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.2f M scalars/s (%.2f .. %.2f), %,d scalars x %d%n",
        label,
        rates[reps / 2] / 1e6,
        rates[0] / 1e6,
        rates[reps - 1] / 1e6,
        n,
        reps);
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** {scalars per second end to end, ns per scalar() call in the logging loop}. */
  private static double[] run(int n, String[] formats, Map<String, String> options)
      throws IOException {
    Path root = Files.createTempDirectory("dltrack-wandb-cost");
    try {
      long t0 = System.nanoTime();
      Run.Builder builder = Run.builder("e2e").logRoot(root).formats(formats);
      options.forEach(builder::option);
      long loop;
      try (Run run = builder.open()) {
        long l0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          run.scalar("train/loss", i, 1.0 / (i + 1));
        }
        loop = System.nanoTime() - l0;
      }
      return new double[] {n / ((System.nanoTime() - t0) / 1e9), (double) loop / n};
    } finally {
      MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }
}
