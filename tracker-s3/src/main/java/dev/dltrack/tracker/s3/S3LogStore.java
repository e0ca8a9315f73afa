package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import dev.dltrack.tracker.storage.FileRange;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A log root on S3 or an S3-compatible store: {@code s3://bucket/prefix}. Objects cannot be
 * appended to, so {@link #canAppend()} is false; locks use S3's conditional writes ({@code
 * If-None-Match: *} and {@code If-Match: etag} on PutObject), which AWS S3 has had since 2024 and
 * recent MinIO and s3proxy support. Versions are ETags.
 */
public final class S3LogStore implements LogStore {
  /** At most this many keys per DeleteObjects call, S3's limit. */
  static final int DELETE_BATCH = 1000;

  /** Attempts of a conditional write that S3 answers with 409 (another write raced it). */
  static final int CONFLICT_ATTEMPTS = 5;

  /** The user metadata that tags a conditional write with its caller's id ({@code x-amz-meta-}). */
  static final String WRITE_ID = "dltrack-write-id";

  /** Where {@link ReplaceMode#CLAIM}'s markers live in the bucket, outside every log root. */
  static final String CLAIMS_PREFIX = ".dltrack-s3-claims/";

  /** The longest {@link #check()} may take, all retries included: a wrong endpoint fails fast. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final S3Location location;
  private final S3ClientSettings settings;
  private final S3Client client;

  S3LogStore(URI uri, S3Location location, S3ClientSettings settings, S3Client client) {
    this.uri = requireNonNull(uri, "uri");
    this.location = requireNonNull(location, "location");
    this.settings = requireNonNull(settings, "settings");
    this.client = requireNonNull(client, "client");
  }

  @Override
  public URI uri() {
    return uri;
  }

  /**
   * The endpoint this store talks to, for messages.
   *
   * @return its URI, or AWS S3 and the region
   */
  public String endpoint() {
    return settings.describeEndpoint();
  }

  @Override
  public void check() throws IOException {
    try {
      client.headBucket(
          b ->
              b.bucket(location.bucket())
                  .overrideConfiguration(
                      AwsRequestOverrideConfiguration.builder()
                          .apiCallTimeout(CHECK_TIMEOUT)
                          .build()));
    } catch (SdkException e) {
      throw StoreCheck.failure(location, settings, e);
    }
  }

  @Override
  public boolean canAppend() {
    return false;
  }

  @Override
  public void put(String key, byte[] bytes, int offset, int length) throws IOException {
    // streamed from the caller's array, not copied: fromBytes would copy them twice more (the
    // caller does not touch them until put returns)
    put(
        key,
        RequestBody.fromContentProvider(
            () -> new ByteArrayInputStream(bytes, offset, length),
            length,
            "application/octet-stream"));
  }

  /** Streams the range from its file: a flush's bytes never sit in the heap whole. */
  @Override
  public void put(String key, FileRange range) throws IOException {
    put(
        key,
        RequestBody.fromContentProvider(
            range::openStream, range.length(), "application/octet-stream"));
  }

  /**
   * A plain PutObject. A write that got no answer is tried again, a few times beyond the SDK's own
   * attempts: a server that turns a request down before reading its body (s3proxy does, to losing
   * conditional writes) closes the connection, which the JDK may still keep for reuse, so that the
   * next requests of any client in this JVM meet closed connections, one each, until they are gone.
   * A put is safe to repeat. A server that cannot be reached fails at once, as before.
   */
  private void put(String key, RequestBody body) throws IOException {
    checkKey(key);
    for (int unanswered = 1; ; unanswered++) {
      try {
        client.putObject(b -> b.bucket(location.bucket()).key(location.key(key)), body);
        return;
      } catch (SdkException e) {
        if (!S3Errors.unanswered(e) || unanswered >= CONFLICT_ATTEMPTS) {
          throw S3Errors.failed("PutObject", location.uri(key), e);
        }
      }
      pause(50L << unanswered, "PutObject", location.uri(key));
    }
  }

  /** Always throws: objects on S3 are written whole. */
  @Override
  public void append(String key, byte[] bytes, int offset, int length) {
    throw new UnsupportedOperationException(
        "S3 objects cannot be appended to (" + location.uri(key) + "); check canAppend()");
  }

  @Override
  public List<StoredObject> list(String prefix) throws IOException {
    requireNonNull(prefix, "prefix");
    String s3Prefix = location.listPrefix(prefix);
    List<StoredObject> objects = new ArrayList<>();
    try {
      for (S3Object o :
          client
              .listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(s3Prefix))
              .contents()) {
        if (o.eTag() == null) {
          // S3 lists only whole objects; s3proxy's in-memory store also lists one whose put is
          // still under way, without an ETag: not there yet for a reader
          continue;
        }
        objects.add(new StoredObject(location.relative(o.key()), o.size(), o.eTag()));
      }
    } catch (SdkException e) {
      throw S3Errors.failed("ListObjectsV2", location.uri(prefix), e);
    }
    // S3 sorts by UTF-8 bytes, Java by UTF-16 units; they differ only beyond the BMP, but sorted
    // means sorted as the caller compares
    objects.sort(Comparator.comparing(StoredObject::key));
    return objects;
  }

  @Override
  public Optional<StoredObject> stat(String key) throws IOException {
    checkKey(key);
    try {
      HeadObjectResponse head =
          client.headObject(b -> b.bucket(location.bucket()).key(location.key(key)));
      return Optional.of(new StoredObject(key, head.contentLength(), head.eTag()));
    } catch (SdkException e) {
      if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
        return Optional.empty();
      }
      throw S3Errors.failed("HeadObject", location.uri(key), e);
    }
  }

  @Override
  public InputStream open(String key, long offset) throws IOException {
    checkKey(key);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    try {
      return client.getObject(
          b -> {
            b.bucket(location.bucket()).key(location.key(key));
            if (offset > 0) {
              b.range("bytes=" + offset + "-");
            }
          });
    } catch (SdkException e) {
      int status = S3Errors.status(e);
      if (status == S3Errors.NOT_FOUND) {
        NoSuchFileException missing =
            new NoSuchFileException(location.uri(key), null, "GetObject: no such object");
        missing.initCause(e);
        throw missing;
      }
      if (status == 416) {
        // a range from the end on: nothing more to read
        return InputStream.nullInputStream();
      }
      throw S3Errors.failed("GetObject", location.uri(key), e);
    }
  }

  @Override
  public void delete(Collection<String> keys) throws IOException {
    for (List<String> batch : Lists.partition(List.copyOf(keys), DELETE_BATCH)) {
      List<ObjectIdentifier> ids = new ArrayList<>(batch.size());
      for (String key : batch) {
        checkKey(key);
        ids.add(ObjectIdentifier.builder().key(location.key(key)).build());
      }
      DeleteObjectsResponse response;
      try {
        response =
            client.deleteObjects(
                b ->
                    b.bucket(location.bucket())
                        .delete(Delete.builder().objects(ids).quiet(true).build()));
      } catch (SdkException e) {
        throw S3Errors.failed("DeleteObjects", location.uri(batch.get(0)) + " and others", e);
      }
      // S3 reports missing keys as deleted; what it lists here did fail
      if (response.hasErrors() && !response.errors().isEmpty()) {
        S3Error first = response.errors().get(0);
        throw new IOException(
            "DeleteObjects "
                + location.rootUri()
                + " failed for "
                + response.errors().size()
                + " of "
                + batch.size()
                + " keys, first s3://"
                + location.bucket()
                + "/"
                + first.key()
                + ": "
                + first.code()
                + " "
                + first.message());
      }
    }
  }

  @Override
  public boolean createIfAbsent(String key, byte[] content) throws IOException {
    checkKey(key);
    Optional<PutObjectResponse> created =
        conditionalPut("PutObject If-None-Match", key, content, null, b -> b.ifNoneMatch("*"));
    return created.isPresent();
  }

  @Override
  public Optional<StoredObject> replaceIf(StoredObject expected, byte[] content)
      throws IOException {
    requireNonNull(expected, "expected");
    String key = expected.key();
    checkKey(key);
    if (settings.replaceMode() == ReplaceMode.CLAIM) {
      return claimThenReplace(expected, content);
    }
    return replaceIfMatch(expected, content);
  }

  private Optional<StoredObject> replaceIfMatch(StoredObject expected, byte[] content)
      throws IOException {
    String key = expected.key();
    return conditionalPut(
            "PutObject If-Match",
            key,
            content,
            expected.version(),
            b -> b.ifMatch(expected.version()))
        .map(r -> new StoredObject(key, content.length, r.eTag()));
  }

  /**
   * {@link ReplaceMode#CLAIM}: of the callers replacing the same version, only the one that creates
   * its claim marker (atomically, If-None-Match) goes on to write. The marker is deleted
   * afterwards, so that markers do not pile up; a late caller that claims it again still fails at
   * If-Match, since the object has moved on.
   */
  private Optional<StoredObject> claimThenReplace(StoredObject expected, byte[] content)
      throws IOException {
    String marker = claimKey(expected);
    String markerUri = "s3://" + location.bucket() + "/" + marker;
    Optional<PutObjectResponse> claimed;
    try {
      claimed =
          conditionalPutS3(
              "PutObject If-None-Match",
              marker,
              markerUri,
              new byte[0],
              null,
              b -> b.ifNoneMatch("*"));
    } catch (IOException e) {
      throw new IOException(
          "claiming the replace of " + location.uri(expected.key()) + ": " + e.getMessage(), e);
    }
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return replaceIfMatch(expected, content);
    } finally {
      try {
        client.deleteObject(b -> b.bucket(location.bucket()).key(marker));
      } catch (SdkException e) {
        // not fatal: after a replace the marker names a version no longer current; after a failed
        // one it blocks further replaces of this version, as a claimant's crash would (ReplaceMode)
      }
    }
  }

  /**
   * The S3 key of the marker that claims the replace of {@code expected}: beside the root, not
   * under it, so that {@link #list} never shows it.
   */
  private String claimKey(StoredObject expected) {
    String etag = expected.version().replace("\"", "");
    return CLAIMS_PREFIX + location.key(expected.key()) + "/" + etag;
  }

  /**
   * A PutObject under a condition: the response, or empty when the condition failed (412, or 404
   * for If-Match on an object deleted meanwhile). A 409, which S3 returns when another conditional
   * write to the key was in flight, is retried after a short pause.
   */
  private Optional<PutObjectResponse> conditionalPut(
      String operation,
      String key,
      byte[] content,
      String ifMatch,
      Consumer<PutObjectRequest.Builder> condition)
      throws IOException {
    return conditionalPutS3(
        operation, location.key(key), location.uri(key), content, ifMatch, condition);
  }

  /**
   * {@link #conditionalPut} of the S3 key {@code s3Key}, whose URI is {@code uri}. Each call tags
   * its write with a random id in the object's metadata: when a retry (the SDK's, or the JDK's on a
   * stale connection) repeats a write whose first attempt did succeed, the server answers the
   * repeat with 412, and the id tells that the object there is this call's own.
   */
  private Optional<PutObjectResponse> conditionalPutS3(
      String operation,
      String s3Key,
      String uri,
      byte[] content,
      String ifMatch,
      Consumer<PutObjectRequest.Builder> condition)
      throws IOException {
    String writeId = UUID.randomUUID().toString();
    int unanswered = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(
            client.putObject(
                b ->
                    condition.accept(
                        b.bucket(location.bucket()).key(s3Key).metadata(Map.of(WRITE_ID, writeId))),
                RequestBody.fromBytes(content)));
      } catch (SdkException e) {
        int status = S3Errors.status(e);
        if (status == S3Errors.PRECONDITION_FAILED) {
          return ownWrite(s3Key, writeId, operation, uri);
        }
        if ((status == 0 || status >= 500) && unanswered++ < CONFLICT_ATTEMPTS) {
          // no answer read: a server that turns the condition down may answer before it reads
          // the body and close the connection, which the client sees as a failed write; or a
          // server error that outlasted the SDK's retries (s3proxy answers some racing
          // conditional writes with 500): whether the write happened is unknown either way
          Optional<Optional<PutObjectResponse>> outcome =
              unansweredOutcome(s3Key, writeId, ifMatch, operation, uri);
          if (outcome.isPresent()) {
            return outcome.get();
          }
          // the object is as before the call: this write did not happen, try again
          if (status != 0) {
            pause(50L << unanswered, operation, uri);
          }
          continue;
        }
        // 404 NoSuchKey: If-Match on an object deleted meanwhile; a missing bucket is an error
        if (status == S3Errors.NOT_FOUND && !S3Errors.code(e).equals("NoSuchBucket")) {
          return Optional.empty();
        }
        if (status != S3Errors.CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
          throw S3Errors.failed(operation, uri, e);
        }
      }
      pause(50L << attempt, operation, uri);
    }
  }

  /**
   * After a conditional write that got no answer: this call's write if the object is it; empty (the
   * condition failed) if another writer's object is there, or for If-Match none at all; and nothing
   * known (empty outer) if the object is as it was before the call, so the write is tried again.
   */
  private Optional<Optional<PutObjectResponse>> unansweredOutcome(
      String s3Key, String writeId, String ifMatch, String operation, String uri)
      throws IOException {
    HeadObjectResponse head;
    try {
      head = client.headObject(b -> b.bucket(location.bucket()).key(s3Key));
    } catch (SdkException e) {
      if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
        // If-None-Match: nothing there, so this write did not happen; If-Match: deleted
        return ifMatch == null ? Optional.empty() : Optional.of(Optional.empty());
      }
      throw S3Errors.failed(operation + " (reading back after no answer)", uri, e);
    }
    if (head.hasMetadata() && writeId.equals(head.metadata().get(WRITE_ID))) {
      return Optional.of(Optional.of(PutObjectResponse.builder().eTag(head.eTag()).build()));
    }
    if (ifMatch != null && ifMatch.equals(head.eTag())) {
      return Optional.empty(); // still the expected version: this write did not happen
    }
    return Optional.of(Optional.empty()); // another writer's object: the condition failed
  }

  /**
   * After a 412: the object's ETag when the object at {@code s3Key} is the one this call wrote
   * (tagged {@code writeId}), else empty, since another caller's write is there.
   */
  private Optional<PutObjectResponse> ownWrite(
      String s3Key, String writeId, String operation, String uri) throws IOException {
    HeadObjectResponse head;
    try {
      head = client.headObject(b -> b.bucket(location.bucket()).key(s3Key));
    } catch (SdkException e) {
      if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
        return Optional.empty();
      }
      throw S3Errors.failed(operation + " (reading back after 412)", uri, e);
    }
    if (head.hasMetadata() && writeId.equals(head.metadata().get(WRITE_ID))) {
      return Optional.of(PutObjectResponse.builder().eTag(head.eTag()).build());
    }
    return Optional.empty();
  }

  private static void pause(long millis, String operation, String uri)
      throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          operation + " " + uri + " interrupted while retrying a conflict");
    }
  }

  private static void checkKey(String key) {
    requireNonNull(key, "key");
    if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException(
          "a key is a non-empty path that neither starts nor ends with '/': '" + key + "'");
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3LogStore[" + location.rootUri() + " at " + settings.describeEndpoint() + "]";
  }
}
