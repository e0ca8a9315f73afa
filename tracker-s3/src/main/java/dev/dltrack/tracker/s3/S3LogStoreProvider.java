package dev.dltrack.tracker.s3;

import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStoreProvider;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * Opens {@code s3://bucket/prefix} log roots, on AWS or any S3-compatible server. Options (a run's
 * {@code s3.*}): {@code endpoint} (else {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, or
 * TensorBoard's {@code S3_ENDPOINT}), {@code region} (else the SDK's chain: {@code AWS_REGION}, the
 * profile), {@code path-style} (default: true with a custom endpoint), {@code if-match} ({@code
 * native}, the default, or {@code claim} for servers whose If-Match is not atomic, such as s3proxy:
 * see {@link ReplaceMode}). Credentials come from the AWS default chain: {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}, web identity, container
 * and instance roles.
 */
public final class S3LogStoreProvider implements LogStoreProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public S3LogStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public Set<String> options() {
    return Set.of(
        S3ClientSettings.ENDPOINT,
        S3ClientSettings.REGION,
        S3ClientSettings.PATH_STYLE,
        ReplaceMode.OPTION);
  }

  @Override
  public LogStore open(URI uri, Map<String, String> options) {
    S3Location location = S3Location.parse(uri);
    for (String option : options.keySet()) {
      if (!options().contains(option)) {
        throw new IllegalArgumentException(
            "unknown option s3." + option + " for " + uri + "; known: " + options());
      }
    }
    S3ClientSettings settings = resolve(options, System.getenv());
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    return new S3LogStore(uri, location, settings, S3Clients.create(settings, credentials));
  }

  /** The settings from {@code options} and {@code env}, the region from the SDK's chain. */
  static S3ClientSettings resolve(Map<String, String> options, Map<String, String> env) {
    boolean customEndpoint =
        options.containsKey(S3ClientSettings.ENDPOINT)
            || S3ClientSettings.ENDPOINT_VARIABLES.stream().anyMatch(v -> env.get(v) != null);
    return S3ClientSettings.resolve(options, env, () -> sdkRegion(customEndpoint));
  }

  /**
   * The region the SDK's chain finds, if any. With a custom endpoint the chain stops before asking
   * EC2's instance metadata, which off EC2 costs seconds of timeouts for a region the server
   * ignores.
   */
  private static Optional<String> sdkRegion(boolean customEndpoint) {
    AwsRegionProvider chain =
        customEndpoint
            ? new AwsRegionProviderChain(
                new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
            : DefaultAwsRegionProviderChain.builder().build();
    try {
      return Optional.ofNullable(chain.getRegion()).map(Region::id);
    } catch (SdkException e) {
      return Optional.empty();
    }
  }
}
