package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import dev.dltrack.testsupport.ChildProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The same S3 server as {@link S3Server}, s3proxy with its in-memory store and the same
 * credentials, in a JVM of its own: for tests whose class path cannot hold s3proxy's (Spark's pins
 * an older Servlet API and Jackson than its Jetty 12 needs). It runs s3proxy's own all-in-one jar
 * ({@code org.gaul:s3proxy:<version>:jar-with-dependencies}, which shades its libraries).
 */
public final class S3ServerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ServerProcess(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts s3proxy from {@code jar} on a free loopback port and waits until it accepts. */
  public static S3ServerProcess start(Path jar) throws IOException, InterruptedException {
    requireNonNull(jar, "jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "s3proxy's jar-with-dependencies is not at " + jar + "; the build copies it there");
    }
    String host = InetAddress.getLoopbackAddress().getHostAddress();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    URI endpoint = URI.create(String.format(Locale.ROOT, "http://%s:%d", host, port));
    Path conf = Files.createTempFile("s3proxy-", ".conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + S3Server.ACCESS_KEY,
            "s3proxy.credential=" + S3Server.SECRET_KEY,
            "jclouds.provider=transient-nio2",
            ""),
        StandardCharsets.UTF_8);
    Path log = Files.createTempFile("s3proxy-", ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                jar.toString(),
                "org.gaul.s3proxy.Main",
                "--properties",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ServerProcess server = new S3ServerProcess(process, endpoint, log);
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        return server;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException(
              "s3proxy did not start on " + endpoint + "; its log:\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  /** Where the server listens: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Creates the bucket {@code name}, empty. */
  public void createBucket(String name) {
    // not S3Server.credentials(): loading S3Server would load s3proxy's classes, absent here
    var credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
    try (var client = S3Clients.create(settings(), credentials)) {
      client.createBucket(b -> b.bucket(name));
    }
  }

  private S3ClientSettings settings() {
    return new S3ClientSettings(
        Optional.of(endpoint), S3ClientSettings.DEFAULT_REGION, false, true, ReplaceMode.CLAIM);
  }

  /** As {@link S3Server#options()}: the store options that reach this server. */
  public Map<String, String> options() {
    return Map.of(S3ClientSettings.ENDPOINT, endpoint.toString(), ReplaceMode.OPTION, "claim");
  }

  /** Stops the server; its objects are gone. */
  @Override
  public void close() {
    ChildProcesses.stop(process, log);
  }
}
