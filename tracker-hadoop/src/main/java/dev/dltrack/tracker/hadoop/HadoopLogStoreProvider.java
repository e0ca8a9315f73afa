package dev.dltrack.tracker.hadoop;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Splitter;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStoreProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Opens {@link HadoopLogStore}s for the schemes Hadoop serves: {@code hdfs}, {@code webhdfs},
 * {@code viewfs}, and the object stores {@code s3a}, {@code gs}, {@code abfs}, {@code abfss} (whose
 * connectors must be on the class path). One option, {@code conf}: a comma-separated list of Hadoop
 * XML configuration files to add to the usual ones ({@code core-site.xml} on the class path and in
 * {@code $HADOOP_CONF_DIR}).
 */
public final class HadoopLogStoreProvider implements LogStoreProvider {
  /** The option naming extra Hadoop configuration files. */
  public static final String CONF_OPTION = "conf";

  private static final Set<String> SCHEMES =
      Set.of("hdfs", "webhdfs", "viewfs", "s3a", "gs", "abfs", "abfss");

  private final UnaryOperator<String> environment;

  /** A provider reading {@code HADOOP_CONF_DIR} from the process's environment. */
  public HadoopLogStoreProvider() {
    this(System::getenv);
  }

  HadoopLogStoreProvider(UnaryOperator<String> environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  @Override
  public Set<String> schemes() {
    return SCHEMES;
  }

  @Override
  public Set<String> options() {
    return Set.of(CONF_OPTION);
  }

  @Override
  public LogStore open(URI uri, Map<String, String> options) throws IOException {
    requireNonNull(uri, "uri");
    requireNonNull(options, "options");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("not a Hadoop log root: " + uri);
    }
    for (String option : options.keySet()) {
      if (!option.equals(CONF_OPTION)) {
        throw new IllegalArgumentException(
            "unknown option " + scheme + "." + option + " for " + uri + "; known: " + CONF_OPTION);
      }
    }
    List<Path> files =
        Splitter.on(',')
            .trimResults()
            .omitEmptyStrings()
            .splitToStream(options.getOrDefault(CONF_OPTION, ""))
            .map(Path::of)
            .toList();
    return new HadoopLogStore(uri, HadoopConfigurations.load(environment, files));
  }
}
