package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.storage.LogStore;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server for tests: s3proxy in this JVM, on a free loopback port, keeping objects in
 * memory (its "transient" blob store), requiring AWS signatures (V2 or V4) with {@link #ACCESS_KEY}
 * and {@link #SECRET_KEY}. Start one per test class and close it after; buckets are created with
 * {@link #createBucket}.
 */
public final class S3Server implements AutoCloseable {
  /** The access key id the server accepts. */
  public static final String ACCESS_KEY = "dltrack-test";

  /** The secret key the server accepts. */
  public static final String SECRET_KEY = "dltrack-test-secret";

  private final BlobStore blobs;
  private S3Proxy proxy;
  private final URI endpoint;

  private S3Server(BlobStore blobs, S3Proxy proxy) {
    this.blobs = blobs;
    this.proxy = proxy;
    this.endpoint =
        URI.create(
            String.format(
                Locale.ROOT,
                "http://%s:%d",
                InetAddress.getLoopbackAddress().getHostAddress(),
                proxy.getPort()));
  }

  /** Starts a server on a free loopback port and waits until it answers. */
  public static S3Server start() throws Exception {
    BlobStore blobs = new TransientNio2BlobStore();
    // port 0: the system picks a free one, getPort() tells which
    return new S3Server(blobs, serve(blobs, 0));
  }

  private static S3Proxy serve(BlobStore blobs, int port) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobs)
            .endpoint(
                URI.create(
                    "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    // start() returns once Jetty is started; the loop is a guard for older s3proxy versions
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return proxy;
  }

  /** Stops answering, as a server that went down does; its objects are kept for {@link #resume}. */
  public void stop() throws Exception {
    proxy.stop();
  }

  /** Answers again on the same port, with the objects it had when it stopped. */
  public void resume() throws Exception {
    proxy = serve(blobs, endpoint.getPort());
  }

  /** Where the server listens: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The credentials the server accepts, for an S3 client. */
  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** Creates the bucket {@code name}, empty. */
  public void createBucket(String name) {
    requireNonNull(name, "name");
    try (var client = S3Clients.create(settings(), credentials())) {
      client.createBucket(b -> b.bucket(name));
    }
  }

  /**
   * Settings that reach this server: its endpoint, path-style, region us-east-1, and {@link
   * ReplaceMode#CLAIM}, since s3proxy's If-Match is not atomic.
   */
  S3ClientSettings settings() {
    return new S3ClientSettings(
        Optional.of(endpoint), S3ClientSettings.DEFAULT_REGION, false, true, ReplaceMode.CLAIM);
  }

  /**
   * The options that make a run's {@code s3://} log root use this server: {@code endpoint} and
   * {@code if-match=claim}; credentials still come from the AWS default chain.
   */
  public Map<String, String> options() {
    return Map.of(S3ClientSettings.ENDPOINT, endpoint.toString(), ReplaceMode.OPTION, "claim");
  }

  /**
   * A store on this server, signing with its credentials, for tests of code that writes to an s3://
   * log root.
   *
   * @param location {@code s3://bucket[/prefix]}; the bucket must exist ({@link #createBucket})
   */
  public LogStore open(String location) {
    return open(URI.create(location), credentials());
  }

  /** A store on this server at {@code uri}, signing with {@code credentials}. */
  S3LogStore open(URI uri, AwsCredentialsProvider credentials) {
    return new S3LogStore(
        uri, S3Location.parse(uri), settings(), S3Clients.create(settings(), credentials));
  }

  /** Stops the server; its objects are gone. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping s3proxy at " + endpoint, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy at " + endpoint, e);
    }
  }
}
