package dev.dltrack.tracker.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.storage.LogStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What a wrong log root says when a run opens, and how failures name the object. */
class S3LogStoreCheckTest {
  private static S3Server server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start();
    server.createBucket("logs");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void anExistingBucketPassesWithOrWithoutPrefix() throws IOException {
    for (String uri : new String[] {"s3://logs", "s3://logs/", "s3://logs/a/b/"}) {
      try (LogStore store = server.open(uri)) {
        store.check();
      }
    }
  }

  @Test
  void aMissingBucketSaysSoWithTheEndpointAndTheFix() throws IOException {
    try (LogStore store = server.open("s3://no-such-bucket/runs")) {
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("bucket 'no-such-bucket' does not exist at endpoint")
          .hasMessageContaining(server.endpoint().toString())
          .hasMessageContaining("create it or fix the URI s3://no-such-bucket/runs");
    }
  }

  @Test
  void refusedCredentialsSayWhatToCheck() throws IOException {
    var wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create("intruder", "guess"));
    try (LogStore store = server.open(URI.create("s3://logs/runs"), wrong)) {
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("credentials refused by endpoint " + server.endpoint())
          .hasMessageContaining("s3://logs/runs")
          .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }
  }

  @Test
  void anUnreachableEndpointFailsWithinSeconds() throws IOException {
    URI closed = closedPort();
    S3ClientSettings settings =
        S3ClientSettings.resolve(Map.of("endpoint", closed.toString()), Map.of(), Optional::empty);
    URI uri = URI.create("s3://logs/runs");
    try (LogStore store =
        new S3LogStore(
            uri,
            S3Location.parse(uri),
            settings,
            S3Clients.create(settings, S3Server.credentials()))) {
      long start = System.nanoTime();
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot reach endpoint " + closed)
          .hasMessageContaining("s3://logs/runs")
          .hasMessageContaining("S3_ENDPOINT");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void failuresNameTheOperationAndTheObject() throws IOException {
    try (LogStore store = server.open("s3://no-such-bucket/runs")) {
      assertThatThrownBy(() -> store.put("r/a", "x".getBytes(UTF_8), 0, 1))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("PutObject s3://no-such-bucket/runs/r/a failed: HTTP 404");
      assertThatThrownBy(() -> store.createIfAbsent("r/lock", new byte[0]))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("s3://no-such-bucket/runs/r/lock");
    }
    try (LogStore store = server.open("s3://logs/runs")) {
      assertThatThrownBy(() -> store.open("r/missing", 0))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("s3://logs/runs/r/missing");
    }
  }

  @Test
  void readingFromTheEndGivesNothing() throws IOException {
    try (LogStore store = server.open("s3://logs/tail")) {
      store.put("k", "abc".getBytes(UTF_8), 0, 3);
      try (var in = store.open("k", 3)) {
        assertThat(in.readAllBytes()).isEmpty();
      }
    }
  }

  private static URI closedPort() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
      return URI.create("http://" + loopback.getHostAddress() + ":" + socket.getLocalPort());
    }
  }
}
