package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/** TFRecord framing, byte for byte, against TensorFlow's definition and its own files. */
class RecordFramingTest {
  @TempDir Path dir;

  @org.junit.jupiter.api.AfterEach
  void whatWasWrittenIsSound() throws Exception {
    dev.dltrack.tracker.testing.TfeventsCheck.assertSoundIfAny(dir);
  }

  @Test
  void maskedCrcMatchesTheKnownValueOfTheCrc32cCheckString() {
    // CRC-32C("123456789") = 0xE3069283 (RFC 3720); masked: rotate right 15, add 0xa282ead8
    int crc = 0xE3069283;
    int expected = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(TfRecords.maskedCrc32c(check, 0, check.length)).isEqualTo(expected);
  }

  @Test
  void firstRecordIsByteForByteTheOneTensorBoardWrites() throws Exception {
    Path fixture =
        TensorBoardRuns.eventFiles(Fixtures.dir("tensorboard/tensorflow-native")).get(0);
    byte[] theirs = Files.readAllBytes(fixture);
    long len = TfRecords.getLongLe(theirs, 0);
    Event theirFirst = Event.parseFrom(Arrays.copyOfRange(theirs, 12, 12 + (int) len));
    // TensorFlow adds source metadata we do not write; frame the same event without it
    Event same = theirFirst.toBuilder().clearSourceMetadata().build();
    byte[] payload = same.toByteArray();
    byte[] framed = new byte[payload.length + TfRecords.OVERHEAD];
    System.arraycopy(payload, 0, framed, TfRecords.HEADER, payload.length);
    TfRecords.frameInPlace(framed, 0, payload.length);

    // header: little-endian length, then its masked CRC; trailer: the payload's masked CRC
    assertThat(TfRecords.getLongLe(framed, 0)).isEqualTo(payload.length);
    assertThat(Arrays.copyOfRange(framed, 8, 12))
        .isEqualTo(crcBytes(TfRecords.maskedCrc32c(framed, 0, 8)));
    // TensorFlow's own record: its header CRC and payload CRC are computed the same way
    assertThat(TfRecords.getIntLe(theirs, 8)).isEqualTo(TfRecords.maskedCrc32c(theirs, 0, 8));
    assertThat(TfRecords.getIntLe(theirs, 12 + (int) len))
        .isEqualTo(TfRecords.maskedCrc32c(theirs, 12, (int) len));

    // and a file we write starts with exactly these bytes for the same wall time
    EventFileWriter w = EventFileWriter.create(dir, same.getWallTime(), "host", 1);
    w.close();
    byte[] ours = Files.readAllBytes(w.path());
    assertThat(ours).isEqualTo(framed);
  }

  @Test
  void eventFileNameFollowsTensorFlowsPattern() throws Exception {
    EventFileWriter w = EventFileWriter.create(dir, 1_700_000_000.25, "my-host", 4242);
    w.close();
    assertThat(w.path().getFileName().toString())
        .isEqualTo("events.out.tfevents.1700000000.my-host.4242.0");
  }

  @Test
  void anExistingFileIsNeverTruncatedANewOneIsCreatedBesideIt() throws Exception {
    Path taken = dir.resolve("events.out.tfevents.1700000000.h.1.0");
    Files.writeString(taken, "precious");
    EventFileWriter w = EventFileWriter.create(dir, 1_700_000_000, "h", 1);
    w.close();
    assertThat(Files.readString(taken)).isEqualTo("precious");
    // beside it, and after it in name order (the order TensorBoard reads a run's files in)
    assertThat(w.path().getFileName().toString()).isGreaterThan(taken.getFileName().toString());
    Files.delete(taken); // not an event file: keep it out of the soundness check
  }

  private static byte[] crcBytes(int crc) {
    byte[] b = new byte[4];
    TfRecords.putIntLe(b, 0, crc);
    return b;
  }
}
