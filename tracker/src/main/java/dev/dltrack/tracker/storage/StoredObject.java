package dev.dltrack.tracker.storage;

import static java.util.Objects.requireNonNull;

/**
 * One object (or file) of a {@link LogStore}.
 *
 * @param key its key, relative to the store's root, '/'-separated
 * @param size its length in bytes
 * @param version what changes whenever the object is replaced (an S3 ETag, a modification time and
 *     length): {@link LogStore#replaceIf} compares it
 */
public record StoredObject(String key, long size, String version) {
  public StoredObject {
    requireNonNull(key, "key");
    requireNonNull(version, "version");
  }
}
