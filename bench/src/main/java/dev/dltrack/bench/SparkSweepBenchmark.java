package dev.dltrack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./dltrack sweep --spark local[N]} against the plain sweep, each the real command in its
 * own process (Spark and the plain sweep cannot share this module's class path): the overhead of
 * Spark's scheduling, shipping and the copying back of every run directory, and how the sweep's
 * time scales from one task slot to two.
 *
 * <pre>
 * mvn -q -Pbench -pl bench -am package -DskipTests
 * java -cp bench/target/classes dev.dltrack.bench.SparkSweepBenchmark [--reps 3] [-- sweep options]
 * </pre>
 *
 * Without sweep options it times the default study (12 schemes x 10 epochs). The configurations
 * alternate within each repetition, so that a change in the machine's load hits them alike. The
 * figure is each process's wall time (JVM start, data loading, Spark's start and stop included);
 * the sweep's own "sweep done in" time is printed beside it.
 */
public final class SparkSweepBenchmark {
  private static final Pattern DONE = Pattern.compile("sweep done in (\\d+):(\\d+)");

  private SparkSweepBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = 3;
    List<String> sweep = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--reps")) {
        reps = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--")) {
        sweep.addAll(Arrays.asList(args).subList(i + 1, args.length));
        break;
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--reps N] [-- sweep options]");
      }
    }
    Path launcher = Path.of("dltrack").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("run from the repository root: no ./dltrack in " + Path.of("").toAbsolutePath());
    }
    Map<String, List<String>> configs = new LinkedHashMap<>();
    configs.put("plain, 2 at a time", List.of("--parallel", "2"));
    configs.put("--spark local[2]", List.of("--spark", "local[2]"));
    configs.put("--spark local[1]", List.of("--spark", "local[1]"));
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> inside = new LinkedHashMap<>();
    configs.keySet().forEach(k -> {
      wall.put(k, new ArrayList<>());
      inside.put(k, new ArrayList<>());
    });
    // build both once, untimed
    run(launcher, List.of("sweep", "--help"));
    run(launcher, List.of("sweep", "--spark", "local[1]", "--help"));
    for (int rep = 1; rep <= reps; rep++) {
      for (Map.Entry<String, List<String>> c : configs.entrySet()) {
        Path logs = Files.createTempDirectory("dltrack-spark-bench-");
        List<String> cmd = new ArrayList<>(List.of("sweep", "--logdir", logs.toString()));
        cmd.addAll(c.getValue());
        cmd.addAll(sweep);
        long start = System.nanoTime();
        String out = run(launcher, cmd);
        double seconds = (System.nanoTime() - start) / 1e9;
        Matcher m = DONE.matcher(out);
        double own = m.find() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : Double.NaN;
        if (out.contains("FAILURE")) {
          throw new IllegalStateException(c.getKey() + ": a run failed:\n" + out);
        }
        wall.get(c.getKey()).add(seconds);
        inside.get(c.getKey()).add(own);
        System.out.printf(Locale.ROOT, "rep %d  %-20s %7.1f s  (sweep done in %.0f s)%n", rep, c.getKey(), seconds, own);
        deleteTree(logs);
      }
    }
    System.out.println();
    System.out.println("| configuration | wall time, median (min .. max) | sweep's own time, median |");
    System.out.println("|---|---|---|");
    for (String k : configs.keySet()) {
      System.out.printf(Locale.ROOT, "| %s | %.1f s (%.1f .. %.1f) | %.0f s |%n", k, median(wall.get(k)),
          min(wall.get(k)), max(wall.get(k)), median(inside.get(k)));
    }
    double plain = median(wall.get("plain, 2 at a time"));
    double two = median(wall.get("--spark local[2]"));
    double one = median(wall.get("--spark local[1]"));
    System.out.printf(Locale.ROOT, "%nSpark's overhead, local[2] against the plain sweep: %+.1f%% (target <= 10%%)%n",
        100 * (two / plain - 1));
    System.out.printf(Locale.ROOT, "speed-up from 1 to 2 task slots: %.2fx%n", one / two);
  }

  private static String run(Path launcher, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + new String(bytes, StandardCharsets.UTF_8));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

}
