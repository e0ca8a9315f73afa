package dev.dltrack.tracker.hadoop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.storage.LogStores;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the provider, its options, and the Hadoop configuration it opens stores with. */
class HadoopLogStoreProviderTest {
  @TempDir Path dir;

  @Test
  void servesHadoopsSchemesThroughTheServiceLoader() {
    for (String scheme : List.of("hdfs", "viewfs", "webhdfs", "s3a", "gs", "abfs", "abfss")) {
      assertThat(LogStores.providerFor(URI.create(scheme + "://host/logs")))
          .isInstanceOf(HadoopLogStoreProvider.class);
    }
  }

  @Test
  void refusesAnUnknownOptionNamingIt() {
    assertThatThrownBy(
            () ->
                new HadoopLogStoreProvider()
                    .open(URI.create("hdfs://nn:8020/logs"), Map.of("endpoint", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hdfs.endpoint");
  }

  @Test
  void refusesAConfFileThatIsNotThere() {
    Path missing = dir.resolve("missing-site.xml");
    assertThatThrownBy(
            () ->
                new HadoopLogStoreProvider()
                    .open(URI.create("hdfs://nn:8020/logs"), Map.of("conf", missing.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void readsHadoopConfDirThenTheConfFilesEachOverriding() throws IOException {
    Files.createDirectories(dir.resolve("etc"));
    write(dir.resolve("etc/core-site.xml"), Map.of("dltrack.a", "site", "dltrack.b", "site"));
    write(dir.resolve("etc/hdfs-site.xml"), Map.of("dltrack.c", "hdfs-site"));
    Path extra = dir.resolve("extra.xml");
    write(extra, Map.of("dltrack.b", "extra"));

    String confDir = dir.resolve("etc").toString();
    Configuration conf =
        HadoopConfigurations.load(
            name -> name.equals("HADOOP_CONF_DIR") ? confDir : null, List.of(extra));

    assertThat(conf.get("dltrack.a")).isEqualTo("site");
    assertThat(conf.get("dltrack.b")).isEqualTo("extra");
    assertThat(conf.get("dltrack.c")).isEqualTo("hdfs-site");
  }

  private static void write(Path file, Map<String, String> properties) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    properties.forEach(
        (name, value) ->
            xml.append("  <property><name>")
                .append(name)
                .append("</name><value>")
                .append(value)
                .append("</value></property>\n"));
    Files.writeString(file, xml.append("</configuration>\n"), UTF_8);
  }
}
