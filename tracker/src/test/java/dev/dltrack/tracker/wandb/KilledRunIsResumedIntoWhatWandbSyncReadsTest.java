package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.ChildLogger;
import dev.dltrack.tracker.testing.WandbCheck;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process logging into a run is killed with kill -9 after a flush: its offline run keeps every
 * value logged before the flush, and reopening the run ({@code resume()}) cuts the torn tail of
 * {@code run-<id>.wandb} so that W&amp;B's own sync loop reads the whole run again.
 */
class KilledRunIsResumedIntoWhatWandbSyncReadsTest {
  private static final int FLUSHED = 5000;

  @TempDir Path root;

  @Test
  void afterKillMinus9AndResumeWandbSyncReadsEveryValueLoggedBeforeTheFlush() throws Exception {
    WandbCheck
        .script(); // skip (or fail on CI) before starting a process, if the checker is missing
    Process p = ChildLogger.start(root, "kill", FLUSHED);
    assertThat(ChildLogger.awaitFlushed(p)).as("child output").isEqualTo("FLUSHED " + FLUSHED);
    Thread.sleep(300); // it goes on logging, and its writer on writing, until killed
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Path runDir = root.resolve("child");
    Path folder = WandbCheck.offlineRunDir(runDir);
    Path log = WandbCheck.transactionLog(folder);
    // a kill lands between writes more often than inside one: make sure the file ends torn, as
    // a kill inside a write leaves it, with the first bytes of a record that is whole elsewhere
    long[] whole = scan(log);
    if (whole[1] == 0) {
      byte[] all = Files.readAllBytes(log);
      int torn = (int) Math.min(40, whole[0] - whole[2] - 1);
      byte[] head = Arrays.copyOfRange(all, (int) whole[2], (int) whole[2] + torn);
      Files.write(log, head, StandardOpenOption.APPEND);
    }
    long tornSize = Files.size(log);
    long validEnd = scan(log)[0];
    assertThat(validEnd).isLessThan(tornSize);

    // read as it was left: everything up to the flush, the torn tail reported
    RunLog left =
        LogRoot.read(root, List.of(new WandbOfflineRunReader())).run("child").orElseThrow();
    assertThat(left.scalars("loss").size()).isGreaterThanOrEqualTo(FLUSHED);
    assertThat(left.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(log.getFileName().toString())
                    .contains("byte offset " + validEnd));
    assertThat(left.session().orElseThrow().status()).isEqualTo(RunStatus.UNKNOWN);

    long next = 10_000_000; // after anything the child logged
    try (Run run = Run.builder("child").logRoot(root).resume().open()) {
      run.scalar("loss", next, -1.0);
      run.scalar("loss", next + 1, -2.0);
    }
    assertThat(scan(log)[1]).as("the log after the resumed run closed is whole").isZero();

    WandbCheck.Result r = WandbCheck.assertAccepted(folder);
    assertThat(r.ofType("run")).hasSize(1);
    assertThat(r.types()).endsWith("exit", "final");
    assertThat(r.ofType("exit")).hasSize(1);
    Map<Long, Double> loss = new HashMap<>();
    for (JsonNode h : r.ofType("history")) {
      Long step = null;
      Double value = null;
      for (JsonNode item : h.path("record").path("history").path("item")) {
        switch (item.path("key").asText()) {
          case "_step" -> step = Long.parseLong(item.path("value_json").asText());
          case "loss" -> value = Double.parseDouble(item.path("value_json").asText());
          default -> {}
        }
      }
      assertThat(step).isNotNull();
      if (value != null) {
        assertThat(loss.put(step, value)).as("step %d once", step).isNull();
      }
    }
    for (long s = 0; s < FLUSHED; s++) {
      assertThat(loss).containsEntry(s, 1.0 / (s + 1));
    }
    assertThat(loss).containsEntry(next, -1.0).containsEntry(next + 1, -2.0);

    RunLog resumed =
        LogRoot.read(root, List.of(new WandbOfflineRunReader())).run("child").orElseThrow();
    assertThat(resumed.warnings()).isEmpty();
    List<ScalarPoint> series = resumed.scalars("loss");
    assertThat(series.get(series.size() - 1).value()).isEqualTo(-2.0);
    assertThat(resumed.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
  }

  /** {where the whole records end, 1 if something follows them, where the last one starts}. */
  private static long[] scan(Path log) throws Exception {
    try (InputStream in = Files.newInputStream(log)) {
      LogScanner s = new LogScanner(in);
      long last = -1;
      while (s.next() != null) {
        last = s.recordStart();
      }
      return new long[] {s.validEnd(), s.problem() != null ? 1 : 0, last};
    }
  }
}
