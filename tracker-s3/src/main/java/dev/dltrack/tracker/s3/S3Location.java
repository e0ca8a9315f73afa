package dev.dltrack.tracker.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;

/**
 * Where a log root lies on S3: a bucket and a key prefix ({@code s3://bucket/logs} is bucket {@code
 * bucket}, prefix {@code logs}; {@code s3://bucket} has an empty prefix). Turns the store's
 * relative keys into S3 keys and back.
 */
record S3Location(String bucket, String prefix) {
  S3Location {
    requireNonNull(bucket, "bucket");
    requireNonNull(prefix, "prefix");
  }

  /**
   * The location {@code uri} names; a trailing slash is tolerated.
   *
   * @throws IllegalArgumentException if the URI is not {@code s3://bucket[/prefix]}
   */
  static S3Location parse(URI uri) {
    requireNonNull(uri, "uri");
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("s3")) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    // getHost() is null for bucket names that are not host names (underscores); the authority is
    // what was written
    String bucket = uri.getRawAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("no bucket in " + uri + "; write s3://bucket/prefix");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("an s3:// log root has no query or fragment: " + uri);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = strip(path);
    if (prefix.contains("//")) {
      throw new IllegalArgumentException("empty path segment in " + uri);
    }
    return new S3Location(bucket, prefix);
  }

  /** The S3 key of the store's key {@code key}. */
  String key(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** The S3 key prefix under which the store's keys starting with {@code keyPrefix} lie. */
  String listPrefix(String keyPrefix) {
    return prefix.isEmpty() ? keyPrefix : prefix + "/" + keyPrefix;
  }

  /** The store's key of the S3 key {@code s3Key}, which lies under this location. */
  String relative(String s3Key) {
    return prefix.isEmpty() ? s3Key : s3Key.substring(prefix.length() + 1);
  }

  /** The {@code s3://} URI of the store's key {@code key}, for messages. */
  String uri(String key) {
    return "s3://" + bucket + "/" + key(key);
  }

  /** The {@code s3://} URI of the root itself. */
  String rootUri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  private static String strip(String path) {
    int from = 0;
    int to = path.length();
    while (from < to && path.charAt(from) == '/') {
      from++;
    }
    while (to > from && path.charAt(to - 1) == '/') {
      to--;
    }
    return path.substring(from, to);
  }
}
