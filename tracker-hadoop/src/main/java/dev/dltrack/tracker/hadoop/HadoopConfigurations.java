package dev.dltrack.tracker.hadoop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration a store opens with, found as Hadoop's own tools find theirs: the
 * defaults and any {@code core-site.xml} on the class path ({@code new Configuration()}), then
 * {@code core-site.xml} and {@code hdfs-site.xml} of {@code $HADOOP_CONF_DIR}, then the files the
 * run's {@code conf} option names, each overriding what came before.
 *
 * <p>{@code Configuration} itself never reads {@code HADOOP_CONF_DIR}: the {@code hadoop} launcher
 * script puts that directory on the class path, which a program started by {@code java} does not
 * have; hence the explicit step.
 */
final class HadoopConfigurations {
  private static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml");

  private HadoopConfigurations() {}

  /**
   * The configuration for a store.
   *
   * @param environment the process's environment ({@code System::getenv})
   * @param extraFiles files of the {@code conf} option, in order
   * @throws IllegalArgumentException if one of {@code extraFiles} is not a readable file
   */
  static Configuration load(UnaryOperator<String> environment, List<Path> extraFiles) {
    Configuration conf = new Configuration();
    String confDir = environment.apply("HADOOP_CONF_DIR");
    if (confDir != null && !confDir.isBlank()) {
      for (String name : SITE_FILES) {
        Path file = Path.of(confDir, name);
        if (Files.isRegularFile(file)) {
          conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
        }
      }
    }
    for (Path file : extraFiles) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "Hadoop configuration file " + file + " (option conf) is not a readable file");
      }
      conf.addResource(new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()));
    }
    return conf;
  }
}
