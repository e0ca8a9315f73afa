package dev.dltrack.tracker.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Tells log roots on a store ({@code s3://}, {@code hdfs://}) from local paths, and opens them. */
public final class LogStores {
  /** A URI scheme of two or more characters: one letter is a Windows drive ({@code C:\logs}). */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");

  /** The artifact that serves each well-known scheme, for the message when none is found. */
  private static final Map<String, String> MODULES =
      Map.of(
          "s3", "dev.dltrack:tracker-s3",
          "hdfs", "dev.dltrack:tracker-hadoop",
          "s3a", "dev.dltrack:tracker-hadoop",
          "gs", "dev.dltrack:tracker-hadoop",
          "abfs", "dev.dltrack:tracker-hadoop",
          "abfss", "dev.dltrack:tracker-hadoop",
          "viewfs", "dev.dltrack:tracker-hadoop");

  /** The system properties that give store options: {@code dltrack.<scheme>.<option>}. */
  public static final String PROPERTY_PREFIX = "dltrack.";

  private LogStores() {}

  /**
   * Whether {@code location} names a log root on a store ({@code scheme://...}) rather than a local
   * directory. {@code file://} URIs are local directories.
   */
  public static boolean isStore(String location) {
    requireNonNull(location, "location");
    return SCHEME.matcher(location).matches()
        && !location.regionMatches(true, 0, "file://", 0, "file://".length());
  }

  /**
   * The local directory {@code location} names: a path, or a {@code file://} URI.
   *
   * @throws IllegalArgumentException if it names a store
   */
  public static Path localPath(String location) {
    if (isStore(location)) {
      throw new IllegalArgumentException(location + " is on a store, not a local directory");
    }
    if (location.regionMatches(true, 0, "file://", 0, "file://".length())) {
      return Path.of(toUri(location));
    }
    return Path.of(location);
  }

  /**
   * The URI of a store location, checked: a scheme, and for {@code s3} a bucket.
   *
   * @throws IllegalArgumentException naming the location and what is wrong
   */
  public static URI toUri(String location) {
    try {
      URI uri = new URI(location);
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException("log root " + location + " has no scheme");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "log root " + location + " is not a valid URI: " + e.getMessage(), e);
    }
  }

  /** The provider that serves {@code scheme}, if one is on the class path. */
  public static Optional<LogStoreProvider> provider(String scheme) {
    String s = scheme.toLowerCase(Locale.ROOT);
    for (LogStoreProvider p : ServiceLoader.load(LogStoreProvider.class)) {
      if (p.schemes().contains(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The provider for {@code uri}'s scheme.
   *
   * @throws IllegalArgumentException if none is on the class path, naming the module to add
   */
  public static LogStoreProvider providerFor(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return provider(scheme)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no log store for "
                        + scheme
                        + ":// on the class path, so "
                        + uri
                        + " cannot be opened; add "
                        + MODULES.getOrDefault(scheme, "a module that serves it")
                        + " to the program's dependencies"));
  }

  /**
   * Opens the store at {@code location} with the options given for its scheme (without the {@code
   * <scheme>.} prefix), without contacting it. Options not given are taken from the system
   * properties {@code dltrack.<scheme>.<option>} ({@code -Ddltrack.s3.endpoint=http://...}), for
   * programs that open runs through code they do not control, such as a sweep's tasks.
   */
  public static LogStore open(String location, Map<String, String> options) throws IOException {
    URI uri = toUri(location);
    return providerFor(uri).open(uri, withSystemProperties(uri.getScheme(), options));
  }

  /** {@code options} over the system properties {@code dltrack.<scheme>.*}. */
  static Map<String, String> withSystemProperties(String scheme, Map<String, String> options) {
    String prefix = PROPERTY_PREFIX + scheme.toLowerCase(Locale.ROOT) + ".";
    Map<String, String> merged = new TreeMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        merged.put(name.substring(prefix.length()), System.getProperty(name));
      }
    }
    merged.putAll(options);
    return merged;
  }
}
