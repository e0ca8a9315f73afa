package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.dltrack.tracker.testing.WandbCheck;
import dev.dltrack.tracker.wandb.proto.FinalRecord;
import dev.dltrack.tracker.wandb.proto.HistoryItem;
import dev.dltrack.tracker.wandb.proto.HistoryRecord;
import dev.dltrack.tracker.wandb.proto.Record;
import dev.dltrack.tracker.wandb.proto.RunExitRecord;
import dev.dltrack.tracker.wandb.proto.RunRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The framing of {@code run-<id>.wandb}: golden bytes, the block-boundary cases, and W&amp;B's
 * own reader (0.18.7's sync loop, {@code ../shared/tools/wandb/check}) reading each case.
 */
class TransactionLogFramingTest {
  private static final int BLOCK = LogFraming.BLOCK;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  @TempDir Path tmp;

  @Test
  void aSmallRecordIsOneFullChunkAfterTheFileHeader() throws IOException {
    Path file = tmp.resolve("run-golden.wandb");
    try (TransactionLog log = TransactionLog.create(file)) {
      log.append("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    // header ":W&B" BEE1 0; CRC-32 (zlib) of 01 'a' 'b' 'c' = 0x539d20a9, LE; length 3; FULL
    assertThat(HEX.formatHex(Files.readAllBytes(file)))
        .isEqualTo("3a 57 26 42 e1 be 00 a9 20 9d 53 03 00 01 61 62 63");
  }

  @Test
  void aRecordThatFitsInNoRoomIsAnEmptyFirstChunkAndTheRestInALastOne() {
    byte[] out = new byte[64];
    // 7 bytes left in the block: an empty FIRST chunk fills them, the LAST opens the next block
    int end = LogFraming.frame(new byte[] {'x'}, 0, 1, BLOCK - 7, out, 0, new CRC32());
    assertThat(HEX.formatHex(out, 0, end))
        .isEqualTo("a1 8e 0c 3c 00 00 02 f5 2e 6b 7b 01 00 04 78");
  }

  @Test
  void fewerThanSevenBytesLeftAreZerosBeforeAndAfterARecord() {
    byte[] out = new byte[64];
    byte[] one = {'x'};
    CRC32 crc = new CRC32();
    // 3 left before: zeros, then the record at the next block
    int end = LogFraming.frame(one, 0, 1, BLOCK - 3, out, 0, crc);
    assertThat(HEX.formatHex(out, 0, end)).isEqualTo("00 00 00 b0 da 1c 06 01 00 01 78");
    // a record that leaves 6: the zeros come with it
    java.util.Arrays.fill(out, (byte) 0x55);
    end = LogFraming.frame(one, 0, 1, BLOCK - 14, out, 0, crc);
    assertThat(end).isEqualTo(14);
    assertThat(HEX.formatHex(out, 8, 14)).isEqualTo("00 00 00 00 00 00");
  }

  @Test
  void theScannerReadsBackWhatWasFramedAndCutsATornTailAtEveryByte() throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    for (int n : new int[] {1, 100, BLOCK - 30, 3 * BLOCK, 5, BLOCK - 7 - 7}) {
      byte[] p = new byte[n];
      for (int i = 0; i < n; i++) {
        p[i] = (byte) (i * 31 + n);
      }
      payloads.add(p);
    }
    Path file = tmp.resolve("run-many.wandb");
    List<Long> ends = new ArrayList<>();
    try (TransactionLog log = TransactionLog.create(file)) {
      for (byte[] p : payloads) {
        log.append(p);
        ends.add(log.position());
      }
    }
    byte[] all = Files.readAllBytes(file);
    LogScanner whole = new LogScanner(new ByteArrayInputStream(all));
    for (byte[] p : payloads) {
      assertThat(whole.next()).isEqualTo(p);
    }
    assertThat(whole.next()).isNull();
    assertThat(whole.problem()).isNull();
    assertThat(whole.validEnd()).isEqualTo(all.length);

    // cut anywhere: the records before the cut are read, validEnd is the last whole one's end
    for (int cut = 0; cut < all.length; cut += cut < 200 ? 1 : 97) {
      LogScanner s = new LogScanner(new ByteArrayInputStream(all, 0, cut));
      int read = 0;
      while (s.next() != null) {
        read++;
      }
      long expectedEnd = cut < 7 ? 0 : 7;
      int expectedRead = 0;
      for (int i = 0; i < ends.size(); i++) {
        if (ends.get(i) <= cut) {
          expectedRead = i + 1;
          expectedEnd = ends.get(i);
        }
      }
      assertThat(read).as("records read from %d bytes", cut).isEqualTo(expectedRead);
      assertThat(s.validEnd()).as("valid end of %d bytes", cut).isEqualTo(expectedEnd);
    }
  }

  @Test
  void aFlippedBitStopsTheScannerWithTheOffset() throws IOException {
    Path file = tmp.resolve("run-flip.wandb");
    try (TransactionLog log = TransactionLog.create(file)) {
      log.append(new byte[] {1, 2, 3});
      log.append(new byte[] {4, 5, 6});
    }
    byte[] all = Files.readAllBytes(file);
    all[all.length - 1] ^= 1;
    LogScanner s = new LogScanner(new ByteArrayInputStream(all));
    assertThat(s.next()).containsExactly(1, 2, 3);
    assertThat(s.next()).isNull();
    assertThat(s.problem()).isEqualTo("at byte 17: a chunk's checksum does not match its content");
    assertThat(s.validEnd()).isEqualTo(17);
  }

  @Test
  void continuingAFileCutsItsTornTail() throws IOException {
    Path file = tmp.resolve("run-torn.wandb");
    try (TransactionLog log = TransactionLog.create(file)) {
      log.append(new byte[] {1, 2, 3});
      log.append(new byte[] {4, 5, 6});
    }
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 2));
    LogScanner s = new LogScanner(new ByteArrayInputStream(Files.readAllBytes(file)));
    while (s.next() != null) {}
    assertThat(s.problem()).isEqualTo("the file ends inside a chunk");
    try (TransactionLog log = TransactionLog.continueAt(file, s.validEnd())) {
      log.append(new byte[] {7});
    }
    LogScanner again = new LogScanner(new ByteArrayInputStream(Files.readAllBytes(file)));
    assertThat(again.next()).containsExactly(1, 2, 3);
    assertThat(again.next()).containsExactly(7);
    assertThat(again.next()).isNull();
    assertThat(again.problem()).isNull();
  }

  /**
   * A run whose one history record is placed at a block boundary, as W&amp;B's reader must read
   * it: {@code fill} is what the record leaves of its block (0: it fills the block exactly; -1: it
   * is one byte too long for it; 6 and 7: bytes left; "span": three blocks).
   */
  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "6", "7", "span"})
  void wandbsReaderReadsARecordAtEachBlockBoundary(String fill) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("offline-run-20261206_120000-edge" + "0000"));
    Files.createDirectories(dir.resolve("files"));
    Path file = dir.resolve("run-edge0000.wandb");
    byte[] run =
        Record.newBuilder()
            .setNum(1)
            .setRun(
                RunRecord.newBuilder()
                    .setRunId("edge0000")
                    .setProject("framing")
                    .setStartTime(Timestamp.newBuilder().setSeconds(1_796_572_220L)))
            .build()
            .toByteArray();
    long afterRun = 7 + 7 + (long) run.length;
    int roomInBlock = (int) (BLOCK - afterRun) - 7;
    int size =
        switch (fill) {
          case "span" -> roomInBlock + (BLOCK - 7) + 100;
          default -> roomInBlock - Integer.parseInt(fill);
        };
    byte[] history = historyOfExactly(size);
    byte[] exit = Record.newBuilder().setNum(3).setExit(RunExitRecord.newBuilder()).build().toByteArray();
    byte[] fin = Record.newBuilder().setNum(4).setFinal(FinalRecord.newBuilder()).build().toByteArray();
    try (TransactionLog log = TransactionLog.create(file)) {
      log.append(run);
      log.append(history);
      log.append(exit);
      log.append(fin);
    }
    byte[] bytes = Files.readAllBytes(file);
    int firstChunk = (int) afterRun;
    int type = bytes[firstChunk + 6];
    switch (fill) {
      case "0" -> {
        assertThat(type).isEqualTo(LogFraming.FULL);
        assertThat(firstChunk + 7 + size).isEqualTo(BLOCK);
      }
      case "-1" -> {
        assertThat(type).isEqualTo(LogFraming.FIRST);
        assertThat(bytes[BLOCK + 6]).isEqualTo((byte) LogFraming.LAST);
        assertThat(bytes[BLOCK + 4]).isEqualTo((byte) 1);
      }
      case "6" -> {
        assertThat(type).isEqualTo(LogFraming.FULL);
        assertThat(HEX.formatHex(bytes, BLOCK - 6, BLOCK)).isEqualTo("00 00 00 00 00 00");
        assertThat(bytes[BLOCK + 6]).as("the exit record opens the next block").isEqualTo((byte) 1);
      }
      case "7" -> {
        assertThat(type).isEqualTo(LogFraming.FULL);
        assertThat(bytes[BLOCK - 7 + 4]).as("an empty FIRST chunk").isZero();
        assertThat(bytes[BLOCK - 7 + 6]).isEqualTo((byte) LogFraming.FIRST);
        assertThat(bytes[BLOCK + 6]).isEqualTo((byte) LogFraming.LAST);
      }
      default -> {
        assertThat(type).isEqualTo(LogFraming.FIRST);
        assertThat(bytes[BLOCK + 6]).isEqualTo((byte) LogFraming.MIDDLE);
        assertThat(bytes[2 * BLOCK + 6]).isEqualTo((byte) LogFraming.LAST);
      }
    }
    LogScanner s = new LogScanner(new ByteArrayInputStream(bytes));
    assertThat(s.next()).isEqualTo(run);
    assertThat(s.next()).isEqualTo(history);
    assertThat(s.next()).isEqualTo(exit);
    assertThat(s.next()).isEqualTo(fin);
    assertThat(s.next()).isNull();
    assertThat(s.problem()).isNull();

    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.types()).containsExactly("run", "history", "exit", "final");
    assertThat(r.ofType("history").get(0).path("bytes").asInt()).isEqualTo(size);
  }

  /** A serialized history record of exactly {@code size} bytes. */
  private static byte[] historyOfExactly(int size) {
    for (int pad = Math.max(size - 64, 0); pad <= size; pad++) {
      byte[] b = history(pad);
      if (b.length == size) {
        return b;
      }
    }
    throw new IllegalArgumentException("no history record of " + size + " bytes");
  }

  private static byte[] history(int pad) {
    return Record.newBuilder()
        .setNum(2)
        .setHistory(
            HistoryRecord.newBuilder()
                .addItem(HistoryItem.newBuilder().setKey("_step").setValueJson("0"))
                .addItem(
                    HistoryItem.newBuilder()
                        .setKey("pad")
                        .setValueJson("\"" + "x".repeat(pad) + "\"")))
        .build()
        .toByteArray();
  }
}
