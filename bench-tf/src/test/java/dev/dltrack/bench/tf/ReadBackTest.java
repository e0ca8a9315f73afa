package dev.dltrack.bench.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.bench.Check;
import dev.dltrack.bench.tf.HistogramMode.HistogramLogger;
import dev.dltrack.bench.tf.ScalarMode.ScalarLogger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every writer compared writes what it is given, as the tracker's reader reads it back. */
class ReadBackTest {
  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(ScalarSubject.class)
  void scalarsReadBackAsLogged(ScalarSubject subject) throws Exception {
    Path dir = root.resolve("run");
    try (ScalarMode mode = subject.create()) {
      int n = mode.batch() * 3;
      float[] values = ScalarThroughput.values(n);
      try (ScalarLogger logger = mode.open(dir)) {
        for (int i = 0; i < n; i += mode.batch()) {
          logger.write(i, values, i);
        }
      }
      Check check = ReadBack.scalars("s", subject.label(), dir, values, n);
      assertThat(check.passed()).as(check.detail()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(ScalarSubject.class)
  void aMissingValueIsCaught(ScalarSubject subject) throws Exception {
    Path dir = root.resolve("run");
    try (ScalarMode mode = subject.create()) {
      float[] values = ScalarThroughput.values(mode.batch() * 2);
      try (ScalarLogger logger = mode.open(dir)) {
        logger.write(0, values, 0);
      }
      assertThat(ReadBack.scalars("s", subject.label(), dir, values, values.length).passed())
          .isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(HistogramSubject.class)
  void histogramsReadBackWithTheirCountMinAndMax(HistogramSubject subject) throws Exception {
    Path dir = root.resolve("run");
    float[] values = {3, -1, 0.5f, 2, 2, 7};
    try (HistogramMode mode = subject.create();
        HistogramLogger logger = mode.open(dir, values)) {
      logger.write(0);
      logger.write(1);
      logger.flush();
    }
    Check check = ReadBack.histograms("h", subject.label(), dir, HistogramSubject.TAG, values, 2);
    assertThat(check.passed()).as(check.detail()).isTrue();
  }
}
