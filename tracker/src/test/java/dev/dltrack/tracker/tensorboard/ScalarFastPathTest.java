package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written scalar encoder writes exactly what protobuf's generated code writes. */
class ScalarFastPathTest {
  @ParameterizedTest
  @CsvSource({
    "loss, 0, 1700000000.5, 0.25",
    "train/loss, 1, 1.0, -3.5",
    "a, 127, 1700000000.123, 1e-30",
    "a, 128, 1700000000.123, 1e30",
    "layer_0/W/update_ratio, 9223372036854775807, 1e9, NaN",
    "x, 300000, 1e9, Infinity",
    "ünïcødé/tag, 16384, 1e9, -Infinity",
  })
  void sameBytesAsGeneratedCode(String tag, long step, double wallTime, double value)
      throws Exception {
    byte[] tagUtf8 = EventEncoder.tagBytes(tag);
    int len = EventEncoder.scalarSize(tagUtf8, step);
    byte[] buf = new byte[len + 10];
    EventEncoder.encodeScalar(buf, 5, len, tagUtf8, step, wallTime, value);
    byte[] expected = EventEncoder.scalar(tag, step, wallTime, value).toByteArray();
    assertThat(len).isEqualTo(expected.length);
    assertThat(java.util.Arrays.copyOfRange(buf, 5, 5 + len)).isEqualTo(expected);
  }
}
