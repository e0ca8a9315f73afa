package dev.dltrack.tracker.storage;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@link LogStore}s for some URI schemes. Implementations are listed in {@code
 * META-INF/services/dev.dltrack.tracker.storage.LogStoreProvider} and need a public no-argument
 * constructor.
 */
public interface LogStoreProvider {
  /** The URI schemes served, lower case: {@code s3}; {@code hdfs}, {@code s3a}, {@code gs}... */
  Set<String> schemes();

  /**
   * The options this store takes, without the {@code <scheme>.} prefix ({@code endpoint} for {@code
   * s3.endpoint}); a run that sets any other option of this scheme fails to open.
   */
  default Set<String> options() {
    return Set.of();
  }

  /**
   * Opens the store whose root is {@code uri}, without contacting it yet ({@link LogStore#check}
   * does).
   *
   * @param uri the log root, with one of {@link #schemes()}
   * @param options the run's options for this scheme, without the prefix
   * @throws IllegalArgumentException if the URI or an option is malformed, naming it
   */
  LogStore open(URI uri, Map<String, String> options) throws IOException;
}
