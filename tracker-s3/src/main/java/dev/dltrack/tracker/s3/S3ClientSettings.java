package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to reach the S3 service of a log root: its endpoint (empty: AWS's own), region and
 * addressing, resolved once from the run's options and the environment, so that the precedence is
 * one pure function that tests can call with an environment of their own.
 *
 * @param endpoint a custom endpoint (MinIO, s3proxy, another cloud's S3 API), or empty for AWS
 * @param region the signing region
 * @param regionGuessed whether no region was configured: on AWS the client then follows a bucket to
 *     its region
 * @param pathStyle whether to address buckets as {@code endpoint/bucket} rather than {@code
 *     bucket.endpoint}
 * @param replaceMode how conditional replaces are made atomic on this server
 */
record S3ClientSettings(
    Optional<URI> endpoint,
    String region,
    boolean regionGuessed,
    boolean pathStyle,
    ReplaceMode replaceMode) {
  /** The option that sets the endpoint ({@code s3.endpoint} in a run's options). */
  static final String ENDPOINT = "endpoint";

  /** The option that sets the region. */
  static final String REGION = "region";

  /** The option that sets path-style addressing, {@code true} or {@code false}. */
  static final String PATH_STYLE = "path-style";

  /**
   * The environment variables that name an endpoint, first wins: the AWS SDKs' own two, then the
   * one TensorBoard's S3 reader takes, so that one environment serves the writer and TensorBoard.
   */
  static final List<String> ENDPOINT_VARIABLES =
      List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "S3_ENDPOINT");

  /** The region used where none is configured: AWS's first, which S3-compatible servers accept. */
  static final String DEFAULT_REGION = "us-east-1";

  S3ClientSettings {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(region, "region");
    requireNonNull(replaceMode, "replaceMode");
  }

  /**
   * Resolves the settings: the endpoint from option {@code endpoint}, else the first of {@link
   * #ENDPOINT_VARIABLES} set in {@code env}, else AWS; the region from option {@code region}, else
   * {@code sdkRegion} (the SDK's chain: {@code AWS_REGION}, the profile...), else {@link
   * #DEFAULT_REGION}; path-style from option {@code path-style}, else true exactly when the
   * endpoint is custom (S3-compatible servers rarely have a DNS name per bucket); the {@link
   * ReplaceMode} from option {@code if-match}.
   *
   * @throws IllegalArgumentException naming the option or variable whose value is malformed
   */
  static S3ClientSettings resolve(
      Map<String, String> options, Map<String, String> env, Supplier<Optional<String>> sdkRegion) {
    Optional<URI> endpoint = endpoint(options, env);
    Optional<String> configured =
        Optional.ofNullable(options.get(REGION)).map(String::strip).filter(r -> !r.isEmpty());
    Optional<String> region = configured.isPresent() ? configured : sdkRegion.get();
    boolean pathStyle = pathStyle(options.get(PATH_STYLE), endpoint.isPresent());
    return new S3ClientSettings(
        endpoint,
        region.orElse(DEFAULT_REGION),
        region.isEmpty(),
        pathStyle,
        ReplaceMode.parse(options.get(ReplaceMode.OPTION)));
  }

  /** The endpoint for messages: its URI, or AWS and the region. */
  String describeEndpoint() {
    return endpoint.map(URI::toString).orElse("AWS S3 (region " + region + ")");
  }

  private static Optional<URI> endpoint(Map<String, String> options, Map<String, String> env) {
    String option = options.get(ENDPOINT);
    if (option != null) {
      return Optional.of(endpointUri(option, "https", "option s3." + ENDPOINT));
    }
    for (String variable : ENDPOINT_VARIABLES) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        // TensorBoard's S3_ENDPOINT is a bare host:port, made https unless S3_USE_HTTPS is 0
        String scheme =
            variable.equals("S3_ENDPOINT") && "0".equals(env.get("S3_USE_HTTPS"))
                ? "http"
                : "https";
        return Optional.of(endpointUri(value, scheme, "environment variable " + variable));
      }
    }
    return Optional.empty();
  }

  /** An endpoint as a URI; a bare {@code host:port} gets {@code defaultScheme}. */
  private static URI endpointUri(String value, String defaultScheme, String source) {
    String v = value.strip();
    if (!v.contains("://")) {
      v = defaultScheme + "://" + v;
    }
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            source + " is not an http(s) endpoint such as http://localhost:9000: " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(source + " is not a valid URI: " + value, e);
    }
  }

  private static boolean pathStyle(String option, boolean customEndpoint) {
    if (option == null) {
      return customEndpoint;
    }
    return switch (option.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "option s3." + PATH_STYLE + " must be true or false: " + option);
    };
  }
}
