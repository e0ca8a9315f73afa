package dev.dltrack.tracker.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void aBucketAloneHasAnEmptyPrefixAndKeysAtTheTop() {
    for (String uri : new String[] {"s3://logs", "s3://logs/"}) {
      S3Location l = S3Location.parse(URI.create(uri));
      assertThat(l).isEqualTo(new S3Location("logs", ""));
      assertThat(l.key("run/a")).isEqualTo("run/a");
      assertThat(l.listPrefix("")).isEqualTo("");
      assertThat(l.uri("run/a")).isEqualTo("s3://logs/run/a");
      assertThat(l.rootUri()).isEqualTo("s3://logs");
    }
  }

  @Test
  void aPrefixLosesItsTrailingSlashAndKeysGoBelowIt() {
    S3Location l = S3Location.parse(URI.create("s3://bucket/a/b/"));
    assertThat(l).isEqualTo(new S3Location("bucket", "a/b"));
    assertThat(l.key("run/x")).isEqualTo("a/b/run/x");
    assertThat(l.listPrefix("")).isEqualTo("a/b/");
    assertThat(l.listPrefix("run")).isEqualTo("a/b/run");
    assertThat(l.relative("a/b/run/x")).isEqualTo("run/x");
    assertThat(l.uri("run/x")).isEqualTo("s3://bucket/a/b/run/x");
  }

  @Test
  void bucketNamesThatAreNoHostNamesAreKept() {
    assertThat(S3Location.parse(URI.create("s3://my_bucket.v2/x")).bucket())
        .isEqualTo("my_bucket.v2");
  }

  @Test
  void aMissingBucketIsRefusedNamingTheUri() {
    assertThatThrownBy(() -> S3Location.parse(URI.create("s3:///logs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3:///logs")
        .hasMessageContaining("no bucket");
  }

  @Test
  void otherSchemesQueriesAndEmptySegmentsAreRefused() {
    assertThatThrownBy(() -> S3Location.parse(URI.create("gs://b/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gs://b/x");
    assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/x?versionId=1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://b/x?versionId=1");
    assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/x//y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://b/x//y");
  }
}
