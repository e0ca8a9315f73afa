package dev.dltrack.sweep.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real {@code ./dltrack sweep} command, each configuration in its own process: without Spark
 * (two runs at a time), on {@code --spark local[2]}, and on a real standalone cluster on loopback
 * ({@link StandaloneCluster}: a master, a worker, executor JVMs) with one executor and with two,
 * each executor one core. It gives Spark's overhead (scheduling, shipping the application to the
 * executors, copying every run directory back) against the plain sweep, and how the sweep's time
 * scales with executors.
 *
 * <pre>
 * bench/spark [--reps N] [--cluster-only] [-- sweep options]
 * </pre>
 *
 * Without sweep options it times the default study (12 schemes x 10 epochs); {@code --cluster-only}
 * times the two cluster configurations alone. The configurations take turns within each repetition,
 * so that a change in the machine's load hits them alike. The figure is the command's wall time
 * (JVM start, data loading, the application's start and stop included; a cluster is started before
 * its command and is not part of it). A main, not a test: {@code mvn verify} does not run it.
 */
public final class SparkSweepBenchmark {
  private static final Pattern DONE = Pattern.compile("sweep done in (\\d+):(\\d+)");
  private static final String PLAIN = "plain, 2 at a time";
  private static final String LOCAL = "--spark local[2]";
  private static final String ONE = "standalone, 1 executor";
  private static final String TWO = "standalone, 2 executors";

  private SparkSweepBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = 2;
    boolean clusterOnly = false;
    List<String> sweep = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--reps")) {
        reps = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--cluster-only")) {
        clusterOnly = true;
      } else if (args[i].equals("--")) {
        sweep.addAll(Arrays.asList(args).subList(i + 1, args.length));
        break;
      } else {
        throw new IllegalArgumentException(
            "unknown argument "
                + args[i]
                + "; usage: [--reps N] [--cluster-only] [-- sweep options]");
      }
    }
    Path launcher = Path.of("dltrack").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(
          "run from the repository root: no ./dltrack in " + Path.of("").toAbsolutePath());
    }
    System.out.printf(
        Locale.ROOT,
        "Spark sweep benchmark, %s: %d CPUs, load average %s; OPENBLAS_CORETYPE=%s; sweep options %s%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"),
        sweep.isEmpty() ? "(the default study)" : sweep);
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> own = new LinkedHashMap<>();
    for (String c : clusterOnly ? List.of(ONE, TWO) : List.of(PLAIN, LOCAL, ONE, TWO)) {
      wall.put(c, new ArrayList<>());
      own.put(c, new ArrayList<>());
    }
    // builds both paths of the launcher once, untimed
    run(launcher, List.of("sweep", "--help"), List.of());
    run(launcher, List.of("sweep", "--spark", "local[1]", "--help"), List.of());
    for (int rep = 1; rep <= reps; rep++) {
      for (String config : wall.keySet()) {
        Path scratch = Files.createTempDirectory("dltrack-spark-bench-");
        try {
          List<String> cmd =
              new ArrayList<>(List.of("sweep", "--logdir", scratch.resolve("logs").toString()));
          List<String> javaOpts = new ArrayList<>();
          StandaloneCluster cluster = null;
          switch (config) {
            case PLAIN -> cmd.addAll(List.of("--parallel", "2"));
            case LOCAL -> cmd.addAll(List.of("--spark", "local[2]"));
            default -> {
              int executors = config.equals(ONE) ? 1 : 2;
              // one core per executor; each holds the data set and trains one run at a time
              cluster =
                  StandaloneCluster.start(
                      scratch.resolve("cluster"), executors, executors * 3 + "g");
              cmd.addAll(List.of("--spark", cluster.url()));
              // the executors train with the launcher's settings too: JavaCPP's from the backend,
              // OPENBLAS_CORETYPE (bench/spark exports native-settings' choice) from the worker's
              // environment, which its executors inherit
              javaOpts.addAll(
                  List.of(
                      "-Xmx8g",
                      "-Dspark.executor.cores=1",
                      "-Dspark.executor.memory=2500m",
                      "-Dspark.driver.host=127.0.0.1",
                      "-Dspark.driver.bindAddress=127.0.0.1"));
            }
          }
          cmd.addAll(sweep);
          long start = System.nanoTime();
          String out;
          try {
            out = run(launcher, cmd, javaOpts);
          } finally {
            if (cluster != null) {
              cluster.close();
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          if (out.contains("FAILURE")) {
            throw new IllegalStateException(config + ": a run failed:\n" + out);
          }
          Matcher m = DONE.matcher(out);
          double inside =
              m.find()
                  ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2))
                  : Double.NaN;
          wall.get(config).add(seconds);
          own.get(config).add(inside);
          System.out.printf(
              Locale.ROOT,
              "rep %d  %-24s %7.1f s  (sweep done in %.0f s), load average %s%n",
              rep,
              config,
              seconds,
              inside,
              loadAverage());
        } finally {
          deleteTree(scratch);
        }
      }
    }
    System.out.println();
    System.out.println(
        "| configuration | wall time, median (min .. max) | the sweep's own time, median |");
    System.out.println("|---|---|---|");
    for (String c : wall.keySet()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f s (%.1f .. %.1f) | %.0f s |%n",
          c,
          median(wall.get(c)),
          min(wall.get(c)),
          max(wall.get(c)),
          median(own.get(c)));
    }
    if (!clusterOnly) {
      double plain = median(wall.get(PLAIN));
      System.out.printf(
          Locale.ROOT,
          "%nSpark's overhead against the plain sweep: local[2] %+.1f%%, 2 executors"
              + " %+.1f%% (target <= 10%%)%n",
          100 * (median(wall.get(LOCAL)) / plain - 1),
          100 * (median(wall.get(TWO)) / plain - 1));
    }
    System.out.printf(
        Locale.ROOT,
        "speed-up from 1 to 2 executors: %.2fx%n",
        median(wall.get(ONE)) / median(wall.get(TWO)));
  }

  private static String run(Path launcher, List<String> args, List<String> javaOpts)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (!javaOpts.isEmpty()) {
      pb.environment().put("DLTRACK_JAVA_OPTS", String.join(" ", javaOpts));
    }
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed:\n" + new String(bytes, StandardCharsets.UTF_8));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
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
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
