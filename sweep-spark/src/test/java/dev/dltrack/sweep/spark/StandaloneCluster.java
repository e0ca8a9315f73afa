package dev.dltrack.sweep.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback: a master and a worker, each in its own JVM,
 * started from the Spark jars on this test's class path. The worker's {@code SPARK_HOME} holds
 * only what a Spark installation has (this class path without dltrack's modules, DL4J, ND4J and
 * JavaCPP), so its executors get those only from what the driver ships.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(2);

  private final Path dir;
  private final Process master;
  private final Process worker;
  private final String url;

  private StandaloneCluster(Path dir, Process master, Process worker, String url) {
    this.dir = dir;
    this.master = master;
    this.worker = worker;
    this.url = url;
  }

  /** Starts a master and one worker with {@code cores} cores and {@code memory} (e.g. 1500m) for executors. */
  static StandaloneCluster start(Path dir, int cores, String memory) throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    for (String entry : classpath) {
      Path p = Path.of(entry);
      if (Files.isRegularFile(p) && p.toString().endsWith(".jar") && !appOnly(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    int port = freePort();
    int masterUi = freePort();
    String url = "spark://127.0.0.1:" + port;
    Process master = jvm(dir, home, "master", "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(masterUi));
    Process worker = null;
    try {
      worker = jvm(dir, home, "worker", "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory,
          "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work").toString(), url);
      awaitWorker(masterUi, master, worker, dir);
      return new StandaloneCluster(dir, master, worker, url);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (worker != null) {
        worker.destroyForcibly();
      }
      master.destroyForcibly();
      throw e;
    }
  }

  /**
   * What only the application brings: dltrack's modules (in the local repository, or this build's
   * jars in {@code target/}) and DL4J with its natives.
   */
  private static boolean appOnly(Path jar) {
    String s = jar.toAbsolutePath().toString().replace(File.separatorChar, '/');
    return Stream.of("/dev/dltrack/", "/target/", "/org/deeplearning4j/", "/org/nd4j/", "/org/bytedeco/")
        .anyMatch(s::contains);
  }

  private static Process jvm(Path dir, Path home, String name, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC"));
    cmd.addAll(Arrays.asList(System.getProperty("spark.java17.opens", "").split(" ")));
    cmd.removeIf(String::isEmpty);
    cmd.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", main));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_WORKER_OPTS", "");
    return pb.start();
  }

  private static void awaitWorker(int masterUi, Process master, Process worker, Path dir)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START.toNanos();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException("the Spark " + (master.isAlive() ? "worker" : "master") + " exited: "
            + log(dir, master.isAlive() ? "worker" : "master"));
      }
      try {
        String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = alive.matcher(json);
        if (m.find() && Integer.parseInt(m.group(1)) >= 1) {
          return;
        }
      } catch (IOException notYet) {
        // the master's web UI is not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no Spark worker registered in " + START + ": " + log(dir, "worker"));
  }

  static String log(Path dir, String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  /** The executor JVMs the worker runs now. */
  List<ProcessHandle> executors() {
    return worker.toHandle().descendants()
        .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(
            "org.apache.spark.executor.CoarseGrainedExecutorBackend")).orElse(false))
        .toList();
  }

  /** The executors' logs (their stderr in the worker's work directory), for failure messages. */
  String executorLogs() {
    try (Stream<Path> files = Files.walk(dir.resolve("work"))) {
      StringBuilder all = new StringBuilder();
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        List<String> lines = Files.readAllLines(f);
        all.append("== ").append(f).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
      }
      return all.toString();
    } catch (IOException e) {
      return "(no executor logs: " + e + ")";
    }
  }

  Optional<String> problem() {
    if (!master.isAlive()) {
      return Optional.of("master exited: " + log(dir, "master"));
    }
    if (!worker.isAlive()) {
      return Optional.of("worker exited: " + log(dir, "worker"));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    List<ProcessHandle> executors = executors();
    // the worker kills its executors when it stops
    worker.destroy();
    master.destroy();
    try {
      if (!worker.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
      if (!master.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        master.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executors.forEach(ProcessHandle::destroyForcibly);
  }

}
