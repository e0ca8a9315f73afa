package dev.dltrack.tracker.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Where the endpoint, region and addressing come from, without touching the process's env. */
class S3ClientSettingsTest {
  private static final Supplier<Optional<String>> NO_SDK_REGION = Optional::empty;

  private static S3ClientSettings resolve(Map<String, String> options, Map<String, String> env) {
    return S3ClientSettings.resolve(options, env, NO_SDK_REGION);
  }

  @Test
  void withoutEndpointItIsAwsWithVirtualHostsAndTheRegionGuessed() {
    S3ClientSettings s = resolve(Map.of(), Map.of());
    assertThat(s.endpoint()).isEmpty();
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.regionGuessed()).isTrue();
    assertThat(s.replaceMode()).isEqualTo(ReplaceMode.NATIVE);
    assertThat(s.describeEndpoint()).isEqualTo("AWS S3 (region us-east-1)");
  }

  @Test
  void theOptionBeatsEveryVariable() {
    S3ClientSettings s =
        resolve(
            Map.of("endpoint", "http://minio:9000"),
            Map.of(
                "AWS_ENDPOINT_URL_S3", "http://a:1",
                "AWS_ENDPOINT_URL", "http://b:2",
                "S3_ENDPOINT", "c:3"));
    assertThat(s.endpoint()).contains(URI.create("http://minio:9000"));
  }

  @Test
  void theVariablesCountInTheSdksOrderThenTensorBoards() {
    Map<String, String> all =
        Map.of("AWS_ENDPOINT_URL_S3", "http://a:1", "AWS_ENDPOINT_URL", "http://b:2");
    assertThat(resolve(Map.of(), all).endpoint()).contains(URI.create("http://a:1"));
    assertThat(resolve(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://b:2", "S3_ENDPOINT", "c:3")))
        .extracting(S3ClientSettings::endpoint)
        .isEqualTo(Optional.of(URI.create("http://b:2")));
    assertThat(resolve(Map.of(), Map.of("S3_ENDPOINT", "c:3")).endpoint())
        .contains(URI.create("https://c:3"));
  }

  @Test
  void tensorBoardsBareEndpointIsHttpWhenS3UseHttpsIsZero() {
    S3ClientSettings s =
        resolve(Map.of(), Map.of("S3_ENDPOINT", "localhost:9000", "S3_USE_HTTPS", "0"));
    assertThat(s.endpoint()).contains(URI.create("http://localhost:9000"));
  }

  @Test
  void aCustomEndpointDefaultsToPathStyleAndUsEast1() {
    S3ClientSettings s = resolve(Map.of("endpoint", "http://127.0.0.1:9000"), Map.of());
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.describeEndpoint()).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void optionsOverrideAddressingRegionAndReplaceMode() {
    S3ClientSettings s =
        S3ClientSettings.resolve(
            Map.of(
                "endpoint", "https://s3.example.com",
                "path-style", "false",
                "region", "eu-west-3",
                "if-match", "claim"),
            Map.of(),
            () -> Optional.of("ap-south-1"));
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.region()).isEqualTo("eu-west-3");
    assertThat(s.regionGuessed()).isFalse();
    assertThat(s.replaceMode()).isEqualTo(ReplaceMode.CLAIM);
  }

  @Test
  void theSdksRegionComesBeforeTheDefault() {
    S3ClientSettings s =
        S3ClientSettings.resolve(Map.of(), Map.of(), () -> Optional.of("eu-north-1"));
    assertThat(s.region()).isEqualTo("eu-north-1");
    assertThat(s.regionGuessed()).isFalse();
  }

  @Test
  void malformedValuesAreRefusedNamingWhereTheyCameFrom() {
    assertThatThrownBy(() -> resolve(Map.of("path-style", "yes"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3.path-style")
        .hasMessageContaining("yes");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of("AWS_ENDPOINT_URL", "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> resolve(Map.of("if-match", "maybe"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3.if-match");
  }
}
