package dev.dltrack.tracker.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** {@link HadoopLogStore#check} against a NameNode that is not there. */
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

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort(); // free once closed, and nothing listens on it
    }
  }
}
