package dev.dltrack.tracker.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider as a run finds it: by the URI's scheme, through ServiceLoader. */
class S3LogStoreProviderTest {
  @Test
  void servesS3ThroughServiceLoader() {
    assertThat(LogStores.provider("s3")).get().isInstanceOf(S3LogStoreProvider.class);
    assertThat(new S3LogStoreProvider().options())
        .containsExactlyInAnyOrder("endpoint", "region", "path-style", "if-match");
  }

  @Test
  void unknownOptionsAndBucketlessUrisFailAtOpen() {
    assertThatThrownBy(() -> LogStores.open("s3://b/x", Map.of("endpont", "http://h:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3.endpont")
        .hasMessageContaining("s3://b/x");
    assertThatThrownBy(() -> LogStores.open("s3:///x", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3:///x");
  }

  @Test
  void aRootOpenedByUriWorksWithTheDefaultCredentialChain() throws Exception {
    // the default chain reads the aws.* system properties before the environment, which a test
    // cannot set
    String id = System.getProperty("aws.accessKeyId");
    String secret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
    try (S3Server server = S3Server.start()) {
      server.createBucket("runs");
      try (LogStore store = LogStores.open("s3://runs/logs/", server.options())) {
        store.check();
        store.put("run-1/a.txt", "hello".getBytes(UTF_8), 0, 5);
        assertThat(new String(store.read("run-1/a.txt"), UTF_8)).isEqualTo("hello");
        assertThat(store.uri().toString()).isEqualTo("s3://runs/logs/");
      }
    } finally {
      restore("aws.accessKeyId", id);
      restore("aws.secretAccessKey", secret);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
