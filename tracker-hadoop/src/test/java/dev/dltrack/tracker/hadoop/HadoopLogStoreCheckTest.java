package dev.dltrack.tracker.hadoop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** {@link HadoopLogStore#check} against a NameNode that is not there, or not a NameNode. */
class HadoopLogStoreCheckTest {
  @Test
  void anUnreachableNameNodeFailsWithinSecondsNamingTheUri() throws IOException {
    URI uri = URI.create("hdfs://localhost:" + closedPort() + "/logs");
    try (HadoopLogStore store = new HadoopLogStore(uri, new Configuration())) {
      long start = System.nanoTime();
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(uri.toString())
          .hasMessageContaining("cannot reach");
      // Hadoop's defaults would retry for ten seconds and more
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aWebServerInsteadOfTheNameNodeIsNamedAsAWrongPort() throws Exception {
    ServerSocket web = new ServerSocket(0);
    Thread server = new Thread(() -> answerLikeAWebServer(web), "fake-web-server");
    server.start();
    URI uri = URI.create("hdfs://localhost:" + web.getLocalPort() + "/logs");
    try (HadoopLogStore store = new HadoopLogStore(uri, new Configuration())) {
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(uri.toString())
          .hasMessageContaining("check the port");
    } finally {
      web.close(); // ends the server's loop
      server.join();
    }
  }

  /** Answers every connection as an HTTP server answers what it cannot parse, until closed. */
  private static void answerLikeAWebServer(ServerSocket web) {
    while (!web.isClosed()) {
      try (Socket client = web.accept()) {
        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(UTF_8));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort(); // free once closed, and nothing listens on it
    }
  }
}
