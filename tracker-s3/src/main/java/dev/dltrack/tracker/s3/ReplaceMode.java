package dev.dltrack.tracker.s3;

import java.util.Locale;

/**
 * How {@link S3LogStore#replaceIf} makes "replace only if still at this version" atomic. AWS S3
 * (and MinIO) compare an {@code If-Match} PutObject's ETag atomically; s3proxy (to 4.1.0 at least)
 * does not: it answers {@code If-Match} with a HEAD followed by an unconditional write, so of
 * several replacers racing on one version, several win. Its {@code If-None-Match: *} is atomic (a
 * hard link in its nio2 stores), and {@link #CLAIM} builds on that.
 */
enum ReplaceMode {
  /** One PutObject with {@code If-Match: <etag>}: for servers whose If-Match is atomic (AWS S3). */
  NATIVE,

  /**
   * First claim the transition away from the expected version by creating a marker object with
   * {@code If-None-Match: *} (of all racers exactly one creates it), then PutObject with {@code
   * If-Match}, then delete the marker. Three requests instead of one, and a process that dies
   * between the claim and the write leaves that version unreplaceable (until the object is written
   * some other way); for servers whose If-Match is not atomic, such as s3proxy.
   */
  CLAIM;

  /** The option that selects the mode: {@code s3.if-match=native} (default) or {@code claim}. */
  static final String OPTION = "if-match";

  /**
   * The mode an option value names; null is {@link #NATIVE}.
   *
   * @throws IllegalArgumentException if the value is neither {@code native} nor {@code claim}
   */
  static ReplaceMode parse(String value) {
    if (value == null) {
      return NATIVE;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "native" -> NATIVE;
      case "claim" -> CLAIM;
      default ->
          throw new IllegalArgumentException(
              "option s3." + OPTION + " must be native or claim: " + value);
    };
  }
}
