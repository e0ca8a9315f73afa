package dev.dltrack.tracker.testing;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dltrack.testsupport.ChildProcesses;
import dev.dltrack.testsupport.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.Instant;
import java.util.List;

/**
 * Real TensorBoard with its embedding projector, on one log directory.
 *
 * <p>The workplace's {@code tensorboard/serve} starts TensorBoard's static plugins only; the
 * projector is a dynamic plugin that a pip install registers through a package entry point, which
 * the offline copy lacks, so its routes answer 404 there. This starts the same backend (the same
 * Python sources, the same flags as {@code serve}) with the projector added to the plugin list, as
 * the entry point would add it. Skipped where TensorBoard is absent, a failure under {@code
 * CI=true}.
 */
public final class ProjectorTensorBoard implements AutoCloseable {
  private static final String LAUNCHER =
      String.join(
          "\n",
          "import sys",
          "from tensorboard import default, program",
          "from tensorboard.plugins.projector.projector_plugin import ProjectorPlugin",
          "tb = program.TensorBoard(plugins=default.get_plugins() + [ProjectorPlugin])",
          "tb.configure(argv=[None, '--logdir', sys.argv[1], '--port', sys.argv[2],",
          "    '--host', '127.0.0.1', '--load_fast=false', '--reload_task=blocking',",
          "    '--reload_interval=0'])",
          "tb.main()",
          "");
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private ProjectorTensorBoard(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts TensorBoard with the projector on {@code logDir} and waits until it answers. */
  public static ProjectorTensorBoard serve(Path logDir) throws IOException, InterruptedException {
    Path python = Require.shared("tools/tensorboard/python");
    Path launcher = Files.createTempFile("tensorboard-projector-", ".py");
    Files.writeString(launcher, LAUNCHER);
    Path log = Files.createTempFile("tensorboard-projector-", ".log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "/usr/bin/python3", launcher.toString(), logDir.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("PYTHONPATH", python.toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().put("PYTHONHASHSEED", "0");
    ProjectorTensorBoard tb = new ProjectorTensorBoard(pb.start(), port, log);
    Instant deadline = Instant.now().plusSeconds(300);
    while (true) {
      try {
        tb.bytes("/data/runs");
        return tb;
      } catch (UncheckedIOException notYet) {
        if (!tb.process.isAlive() || Instant.now().isAfter(deadline)) {
          String out = Files.readString(log);
          tb.close();
          throw new IllegalStateException("TensorBoard with the projector did not start:\n" + out);
        }
        Thread.sleep(250);
      }
    }
  }

  public JsonNode get(String route, String... query) {
    try {
      return JSON.readTree(bytes(route, query));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(String route, String... query) {
    return new String(bytes(route, query), StandardCharsets.UTF_8);
  }

  public byte[] bytes(String route, String... query) {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:").append(port).append(route);
    for (int i = 0; i < query.length; i += 2) {
      uri.append(i == 0 ? '?' : '&')
          .append(URLEncoder.encode(query[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(uri.toString()))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new AssertionError(
            "TensorBoard answered "
                + r.statusCode()
                + " to "
                + uri
                + ": "
                + new String(r.body(), StandardCharsets.UTF_8));
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, log);
  }

  /** For messages: the last lines TensorBoard logged. */
  public String log() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
