package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;

/**
 * An event file whose records are framed correctly (valid CRCs) but whose contents make no sense:
 * each bad record is skipped and reported with its file, byte offset and why; every good record of
 * that file, and every other run of the log root, is read.
 */
class RecordsThatMakeNoSenseAreSkippedTest {
  @TempDir Path root;

  private static Event scalar(long step, float v) {
    return Event.newBuilder()
        .setStep(step)
        .setWallTime(1)
        .setSummary(
            Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag("ok").setSimpleValue(v)))
        .build();
  }

  private static Event histogram(String tag, HistogramProto h) {
    return Event.newBuilder()
        .setStep(0)
        .setWallTime(1)
        .setSummary(
            Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setHisto(h)))
        .build();
  }

  private static void writeCrafted(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (EventFileWriter w = EventFileWriter.create(dir, 1, "crafted", 1)) {
      w.append(scalar(0, 1f));
      w.append(
          histogram(
              "nan_edges",
              HistogramProto.newBuilder()
                  .setMin(Double.NaN)
                  .setMax(1)
                  .setNum(2)
                  .addBucketLimit(0.5)
                  .addBucket(1)
                  .addBucketLimit(1)
                  .addBucket(1)
                  .build()));
      w.append(
          histogram(
              "inf_counts",
              HistogramProto.newBuilder()
                  .setMin(0)
                  .setMax(1)
                  .setNum(2)
                  .addBucketLimit(1)
                  .addBucket(Double.POSITIVE_INFINITY)
                  .build()));
      w.append(
          histogram(
              "more_buckets_than_limits",
              HistogramProto.newBuilder()
                  .setMin(0)
                  .setMax(1)
                  .setNum(3)
                  .addBucketLimit(0.5)
                  .addBucket(1)
                  .addBucket(1)
                  .addBucket(1)
                  .build()));
      w.append(
          histogram(
              "negative_counts",
              HistogramProto.newBuilder()
                  .setMin(0)
                  .setMax(1)
                  .setNum(1)
                  .addBucketLimit(0.3)
                  .addBucket(1)
                  .addBucketLimit(0.6)
                  .addBucket(-5)
                  .addBucketLimit(1)
                  .addBucket(1)
                  .build()));
      w.append(
          Event.newBuilder()
              .setWallTime(1)
              .setSummary(
                  Summary.newBuilder()
                      .addValue(
                          Summary.Value.newBuilder()
                              .setTag("_hparams_/session_start_info")
                              .setMetadata(
                                  SummaryMetadata.newBuilder()
                                      .setPluginData(
                                          SummaryMetadata.PluginData.newBuilder()
                                              .setPluginName("hparams")
                                              .setContent(
                                                  ByteString.copyFrom(
                                                      new byte[] {
                                                        (byte) 0xff, (byte) 0xff, 0x01
                                                      }))))
                              .setTensor(TensorProto.getDefaultInstance())))
              .build());
      byte[] notAnEvent = "this is not a protocol buffer".getBytes(StandardCharsets.UTF_8);
      int off = w.begin(notAnEvent.length);
      System.arraycopy(notAnEvent, 0, w.buffer(), off, notAnEvent.length);
      w.commit(notAnEvent.length);
      w.append(scalar(1, 2f));
    }
  }

  @Test
  void badRecordsAreReportedWithFileAndOffsetAndEverythingElseIsRead() throws Exception {
    writeCrafted(root.resolve("crafted"));
    try (Run good = Run.builder("good").logRoot(root).open()) {
      good.scalar("loss", 0, 0.5);
    }

    LogRoot logs = LogRoot.read(root);
    assertThat(logs.runs()).extracting(RunLog::name).containsExactly("crafted", "good");
    assertThat(logs.run("good").orElseThrow().scalars("loss")).hasSize(1);
    assertThat(logs.run("good").orElseThrow().warnings()).isEmpty();

    RunLog crafted = logs.run("crafted").orElseThrow();
    assertThat(crafted.scalars("ok")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0);
    assertThat(crafted.histograms()).isEmpty();
    assertThat(crafted.warnings()).hasSize(6);
    assertThat(crafted.warnings())
        .allSatisfy(
            w ->
                assertThat(w)
                    .startsWith("events.out.tfevents.")
                    .contains("byte offset")
                    .contains("skipped"));
    assertThat(String.join("\n", crafted.warnings()))
        .contains("tag 'nan_edges'")
        .contains("tag 'inf_counts'")
        .contains("tag 'more_buckets_than_limits'")
        .contains("tag 'negative_counts'")
        .contains("tag '_hparams_/session_start_info'")
        .contains("is not an Event");
    assertThat(logs.warnings()).allMatch(w -> w.startsWith("crafted: "));
  }

  @Test
  void aBrokenCrcEndsItsFileButKeepsWhatCameBeforeAndTheOtherRuns() throws Exception {
    Path dir = root.resolve("flipped");
    writeCrafted(dir);
    Path file;
    try (var s = Files.list(dir)) {
      file =
          s.filter(p -> p.getFileName().toString().contains("tfevents")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x40; // inside the last record's payload
    Files.write(file, bytes);
    try (Run good = Run.builder("good").logRoot(root).open()) {
      good.scalar("loss", 0, 0.5);
    }
    LogRoot logs = LogRoot.read(root);
    RunLog flipped = logs.run("flipped").orElseThrow();
    assertThat(flipped.scalars("ok")).hasSize(1);
    assertThat(flipped.warnings())
        .last()
        .asString()
        .contains(file.toString())
        .contains("payload CRC mismatch")
        .contains("is not read");
    assertThat(logs.run("good").orElseThrow().scalars("loss")).hasSize(1);
  }
}
