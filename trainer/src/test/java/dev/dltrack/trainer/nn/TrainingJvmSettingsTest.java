package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training JVMs' settings of the launcher's {@code native-settings} start a JVM in which ND4J
 * runs with the caching shape-info provider and the parallel collector (a misspelt class name there
 * would stop ND4J from starting in every sweep).
 */
class TrainingJvmSettingsTest {
  @Test
  void aJvmStartedWithThemHasTheProviderAndTheCollector() throws Exception {
    Path settings = Path.of("..", "native-settings").toAbsolutePath().normalize();
    assertThat(settings).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the class name (with its '$') as an argument, where bash leaves it as it is
    String script =
        "source \"$1\"; exec \"$2\" \"${DLTRACK_NATIVE_JVM_OPTS[@]}\""
            + " \"${DLTRACK_TRAINING_JVM_OPTS[@]}\" -cp \"$3\" \"$4\"";
    Process process =
        new ProcessBuilder(
                "bash",
                "-c",
                script,
                "settings",
                settings.toString(),
                java,
                System.getProperty("java.class.path"),
                Report.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("provider " + CachingShapeInfoProvider.class.getName())
        .contains("PS Scavenge", "PS MarkSweep")
        .contains("array [2, 3] 6.0");
  }

  /** Started in the JVM under test: what ND4J and the JVM run with, and one op. */
  public static final class Report {
    private Report() {}

    public static void main(String[] args) {
      System.out.println("provider " + Nd4j.getShapeInfoProvider().getClass().getName());
      List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
      System.out.println(
          "collectors "
              + collectors.stream()
                  .map(GarbageCollectorMXBean::getName)
                  .collect(Collectors.joining(", ")));
      var array = Nd4j.ones(2, 3);
      System.out.println("array " + Arrays.toString(array.shape()) + " " + array.sumNumber());
    }
  }
}
