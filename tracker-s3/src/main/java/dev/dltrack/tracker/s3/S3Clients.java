package dev.dltrack.tracker.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 client a {@link S3LogStore} uses, from resolved {@link S3ClientSettings}. */
final class S3Clients {
  /**
   * Attempts per call, the first included, under the SDK's standard retry mode (exponential backoff
   * with jitter on throttling, 5xx and dropped connections; other errors fail at once). One more
   * than the mode's default 3, since a lost flush costs a run's data.
   */
  static final int MAX_ATTEMPTS = 4;

  /** How long to wait for a TCP connection: an endpoint that does not answer fails in seconds. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** How long a read may stall before the attempt fails and is retried. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private S3Clients() {}

  /** A client for {@code settings}, signing with {@code credentials}. */
  static S3Client create(S3ClientSettings settings, AwsCredentialsProvider credentials) {
    var builder =
        S3Client.builder()
            .credentialsProvider(credentials)
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyle())
            .httpClientBuilder(
                // the JDK's own HTTP client: no Netty or Apache client on the class path
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT))
            // checksums only where S3 requires them (DeleteObjects): S3-compatible servers lag
            // behind AWS's newer default checksums, and the SDK signs the payload anyway
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // no "Expect: 100-continue" on puts: it costs a round trip per object, and a run's
            // puts are small, unconditional or rarely refused (a refused conditional put that
            // gets no answer is read back, see S3LogStore)
            .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .build())
                    .build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    if (settings.endpoint().isEmpty() && settings.regionGuessed()) {
      // no region configured: follow each bucket to its own region instead of failing with a 301
      builder.crossRegionAccessEnabled(true);
    }
    return builder.build();
  }
}
