package dev.dltrack.testsupport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real TensorBoard (the workplace's {@code ../shared/tools/tensorboard/serve}) serving one log
 * directory, asked what it serves through the same HTTP data API its web page uses.
 *
 * <p>Starting it costs seconds, so a test class starts one per log directory in {@code @BeforeAll}
 * and closes it in {@code @AfterAll}. {@code serve} answers only after TensorBoard has loaded every
 * event file once, so the first answer is complete; what is written later is not seen. Where
 * TensorBoard is absent the calling test is skipped, except under {@code CI=true}, where it fails
 * ({@link Require}).
 *
 * <pre>{@code
 * try (TensorBoard tb = TensorBoard.serve(logDir)) {
 *   JsonNode points = tb.get("/data/plugin/scalars/scalars", "run", "he-normal", "tag", "loss");
 * }
 * }</pre>
 */
public final class TensorBoard implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** TensorBoard writes NaN and Infinity as Python does. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

  private final Path logDir;
  private final int port;
  private final ProcessHandle process;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TensorBoard(Path logDir, int port, ProcessHandle process, Path log) {
    this.logDir = logDir;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The {@code serve} script; requires it (skipped locally where absent, a failure under CI). */
  public static Path script() {
    Path serve = Require.shared("tools/tensorboard/serve");
    Require.that(
        Files.isExecutable(serve),
        serve + " executable (the workplace's shared tools; run its setup once)");
    return serve;
  }

  /** Starts TensorBoard on {@code logDir} with its default sampling. */
  public static TensorBoard serve(Path logDir) {
    return serve(logDir, "");
  }

  /**
   * Starts TensorBoard on {@code logDir} with more TensorBoard flags ({@code TB_FLAGS}), e.g.
   * {@code "--samples_per_plugin scalars=0,images=0"} to keep every point.
   */
  public static TensorBoard serve(Path logDir, String flags) {
    requireNonNull(logDir, "logDir");
    requireNonNull(flags, "flags");
    Path serve = script();
    if (!Files.isDirectory(logDir)) {
      throw new IllegalArgumentException("TensorBoard log dir is not a directory: " + logDir);
    }
    try {
      Path log = Files.createTempFile("tensorboard-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(serve.toString(), logDir.toString())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("TB_LOG", log.toString());
      pb.environment().put("TB_FLAGS", flags);
      Process starter = pb.start();
      String out =
          new String(starter.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!starter.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        starter.destroyForcibly();
        throw new IllegalStateException("TensorBoard did not start in " + START_TIMEOUT);
      }
      String[] portPid = out.split("\\s+");
      if (starter.exitValue() != 0 || portPid.length != 2) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "TensorBoard's serve failed on %s (exit %d, printed '%s'); its log:%n%s",
                logDir,
                starter.exitValue(),
                out,
                tail(log)));
      }
      int port = Integer.parseInt(portPid[0]);
      long pid = Long.parseLong(portPid[1]);
      ProcessHandle process =
          ProcessHandle.of(pid)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "TensorBoard exited right after start: " + tail(log)));
      return new TensorBoard(logDir, port, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start TensorBoard on " + logDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting TensorBoard", e);
    }
  }

  /**
   * Starts TensorBoard on a log directory it reads itself, such as {@code s3://bucket/logs/},
   * reloading every second in the background (as a user's TensorBoard watching a sweep does), with
   * {@code env} added to its environment ({@code S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID}...). The
   * {@code serve} script takes only local directories, so this starts its {@code launch.py} as its
   * README shows. Returns once TensorBoard answers.
   */
  public static TensorBoard serveLive(String logDir, Map<String, String> env, String flags) {
    requireNonNull(logDir, "logDir");
    Path here = script().getParent();
    try {
      Path log = Files.createTempFile("tensorboard-", ".log");
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  "/usr/bin/python3",
                  here.resolve("launch.py").toString(),
                  "--logdir",
                  logDir,
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--load_fast=false",
                  "--reload_interval",
                  "1"));
      if (!flags.isBlank()) {
        command.addAll(List.of(flags.trim().split("\\s+")));
      }
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      pb.environment().put("PYTHONPATH", here.resolve("python").toString());
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      pb.environment().put("PYTHONHASHSEED", "0");
      Process process = pb.start();
      TensorBoard tb = new TensorBoard(Path.of(""), port, process.toHandle(), log);
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "TensorBoard on " + logDir + " exited at start; its log:\n" + tail(log));
        }
        try {
          tb.runs();
          return tb;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            tb.close();
            throw new IllegalStateException(
                "TensorBoard on " + logDir + " did not answer in " + START_TIMEOUT, notYet);
          }
          Thread.sleep(250);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not start TensorBoard on " + logDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting TensorBoard", e);
    }
  }

  /** The directory it serves. */
  public Path logDir() {
    return logDir;
  }

  /** The port it listens on, at 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code GET route?k1=v1&k2=v2...}, parsed as JSON; fails on any status but 200. */
  public JsonNode get(String route, String... query) {
    return parse(route, bytes(route, query));
  }

  /** {@code GET route?query...}, the raw body (a PNG, a tensor file, TSV metadata). */
  public byte[] bytes(String route, String... query) {
    return send(HttpRequest.newBuilder(uri(route, query)).GET(), route);
  }

  /** {@code GET route?query...} as UTF-8 text (TSV metadata, the projector's config). */
  public String text(String route, String... query) {
    return new String(bytes(route, query), StandardCharsets.UTF_8);
  }

  /** {@code POST route} with a JSON body (the hparams plugin's routes), parsed as JSON. */
  public JsonNode post(String route, String json) {
    requireNonNull(json, "json");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(route))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return parse(route, send(request, route));
  }

  /** As {@link #post(String, String)}, with the body serialized from a map or list. */
  public JsonNode post(String route, Object body) {
    try {
      return post(route, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hparams plugin's experiment: what TensorBoard infers or read from the runs. */
  public JsonNode hparamsExperiment() {
    return post("/data/plugin/hparams/experiment", "{\"experimentName\": \"\"}");
  }

  /** The hparams plugin's session groups, every status, all of them in one slice. */
  public JsonNode hparamsSessionGroups() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentName", "");
    body.put(
        "allowedStatuses",
        List.of("STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"));
    body.put("colParams", List.of());
    body.put("startIndex", 0);
    body.put("sliceSize", 1000);
    return post("/data/plugin/hparams/session_groups", body);
  }

  /** The runs TensorBoard found, in its order. */
  public List<String> runs() {
    List<String> runs = new ArrayList<>();
    get("/data/runs").forEach(n -> runs.add(n.asText()));
    return runs;
  }

  /** TensorBoard's own log (for failure messages). */
  public String log() {
    return tail(log);
  }

  /** Stops TensorBoard and waits for it to exit. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }

  private URI uri(String route, String... query) {
    requireNonNull(route, "route");
    if (!route.startsWith("/")) {
      throw new IllegalArgumentException("route must start with '/': " + route);
    }
    if (query.length % 2 != 0) {
      throw new IllegalArgumentException(
          "query must be name, value pairs; got " + query.length + " strings for " + route);
    }
    StringBuilder uri = new StringBuilder("http://127.0.0.1:").append(port).append(route);
    for (int i = 0; i < query.length; i += 2) {
      uri.append(i == 0 && !route.contains("?") ? '?' : '&')
          .append(URLEncoder.encode(query[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    return URI.create(uri.toString());
  }

  private byte[] send(HttpRequest.Builder request, String route) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            String.format(
                Locale.ROOT,
                "TensorBoard answered %d to %s: %s",
                response.statusCode(),
                response.uri(),
                new String(response.body(), StandardCharsets.UTF_8)));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "TensorBoard did not answer " + route + "; its log:\n" + tail(log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking TensorBoard " + route, e);
    }
  }

  private static JsonNode parse(String route, byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(
          "TensorBoard's answer to "
              + route
              + " is not JSON: "
              + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8),
          e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
