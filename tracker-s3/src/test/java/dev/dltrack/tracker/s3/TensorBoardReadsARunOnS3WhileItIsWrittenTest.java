package dev.dltrack.tracker.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TensorBoard, reading {@code --logdir s3://bucket/logs/} itself (through boto3) from the S3
 * server while runs are written there: new points appear after its reload, a second run appears,
 * and at the end it serves what the reader reads and what the same run on a local disk serves.
 */
class TensorBoardReadsARunOnS3WhileItIsWrittenTest {
  private static final String BUCKET = "tensorboard-live";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension(BUCKET);

  @BeforeAll
  static void requireTensorBoard() {
    TensorBoard.script(); // skipped without TensorBoard (a failure under CI)
  }

  private static Map<String, String> tensorBoardEnvironment() {
    return Map.of(
        "S3_ENDPOINT",
        S3.server().endpoint().toString(),
        "AWS_ACCESS_KEY_ID",
        S3Server.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY",
        S3Server.SECRET_KEY,
        "AWS_DEFAULT_REGION",
        "us-east-1");
  }

  private static List<double[]> scalars(TensorBoard tb, String run, String tag) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode p : tb.get("/data/plugin/scalars/scalars", "run", run, "tag", tag)) {
      points.add(new double[] {p.get(1).asDouble(), p.get(2).asDouble()});
    }
    return points;
  }

  /** Asks TensorBoard until {@code done} holds for what it answers, or fails after a while. */
  private static <T> T await(String what, Supplier<T> ask, Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = ask.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException | AssertionError notYet) {
        // a run or tag TensorBoard has not loaded yet answers 404
      }
      Thread.sleep(250);
    }
    throw new AssertionError("TensorBoard did not show " + what + " in " + PATIENCE);
  }

  private static void log(Run run, ManualClock clock, int from, int to) {
    for (int step = from; step < to; step++) {
      clock.advanceMillis(100);
      run.scalar("train/loss", step, 1.0 / (1 + step));
    }
  }

  @Test
  void newPointsAndRunsAppearAndTheEndIsWhatALocalDiskServes(@TempDir Path local) throws Exception {
    String root = "s3://" + BUCKET + "/logs";
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    try (TensorBoard tb = TensorBoard.serveLive(root + "/", tensorBoardEnvironment(), "")) {
      Run first =
          Run.builder("first")
              .logRoot(root)
              .clock(clock)
              .formats("tensorboard")
              .flushInterval(Duration.ofHours(1))
              .open();
      log(first, clock, 0, 10);
      first.flush();
      await("the first 10 points", () -> scalars(tb, "first", "train/loss"), p -> p.size() == 10);
      log(first, clock, 10, 25);
      first.flush();
      await("15 more points", () -> scalars(tb, "first", "train/loss"), p -> p.size() == 25);

      try (Run second =
          Run.builder("second").logRoot(root).clock(clock).formats("tensorboard").open()) {
        log(second, clock, 0, 5);
        second.flush();
        await("the second run", tb::runs, runs -> runs.contains("second"));
      }
      log(first, clock, 25, 40);
      first.close();
      List<double[]> served =
          await("every point", () -> scalars(tb, "first", "train/loss"), p -> p.size() == 40);

      List<ScalarPoint> read = LogRoot.read(root).run("first").orElseThrow().scalars("train/loss");
      assertThat(served).hasSameSizeAs(read);
      for (int i = 0; i < read.size(); i++) {
        assertThat(served.get(i)[0]).isEqualTo((double) read.get(i).step());
        assertThat(served.get(i)[1]).isEqualTo((double) (float) read.get(i).value());
      }

      // the same run on a local disk, served by TensorBoard as usual
      ManualClock localClock = new ManualClock(1_700_000_000_000L);
      try (Run same =
          Run.builder("first").logRoot(local).clock(localClock).formats("tensorboard").open()) {
        log(same, localClock, 0, 10);
        log(same, localClock, 10, 25);
        log(same, localClock, 25, 40);
      }
      try (TensorBoard onDisk = TensorBoard.serve(local)) {
        List<double[]> fromDisk = scalars(onDisk, "first", "train/loss");
        assertThat(fromDisk).hasSameSizeAs(served);
        for (int i = 0; i < served.size(); i++) {
          assertThat(served.get(i)).containsExactly(fromDisk.get(i));
        }
      }
    }
  }
}
