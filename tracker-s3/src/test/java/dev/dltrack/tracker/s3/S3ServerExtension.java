package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link S3Server} for a test class's runs: started before its tests with one empty bucket, and
 * every run and reader of the JVM pointed at it ({@link StoreProperties}); stopped after them.
 * Register it with {@code @RegisterExtension static final S3ServerExtension S3 = new
 * S3ServerExtension("bucket");}.
 */
public final class S3ServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final String bucket;
  private S3Server server;

  /** A server with the bucket {@code bucket}. */
  public S3ServerExtension(String bucket) {
    this.bucket = requireNonNull(bucket, "bucket");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = S3Server.start();
    server.createBucket(bucket);
    StoreProperties.set(server);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    StoreProperties.clear();
    if (server != null) {
      server.close();
    }
  }

  /** The running server. */
  public S3Server server() {
    return server;
  }

  /** The log root {@code s3://<bucket>/<prefix>}. */
  public String root(String prefix) {
    return "s3://" + bucket + "/" + prefix;
  }
}
