package dev.dltrack.tracker.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that turns a conditional write down may answer before it has read the body and close the
 * connection; the client then sees a failed write, not the 412 (about one race in a hundred against
 * s3proxy). Such a write's outcome is read back instead of thrown: many racing replacers, hundreds
 * of times, every call returns and exactly one wins each race.
 */
class ConditionalWritesThatGetNoAnswerTest {
  @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension("races");

  @Test
  void everyRacingReplaceReturnsAndOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (LogStore store = S3.server().open("s3://races/leases")) {
      for (int trial = 0; trial < 300; trial++) {
        String key = "lease-" + trial;
        assertThat(store.createIfAbsent(key, "start".getBytes(UTF_8))).isTrue();
        StoredObject start = store.stat(key).orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          byte[] content = ("taker " + i + " of race " + trial).getBytes(UTF_8);
          racers.add(
              pool.submit(
                  () -> {
                    go.await();
                    boolean replaced = store.replaceIf(start, content).isPresent();
                    // and a create of what exists, which must say false, not fail
                    return replaced && !store.createIfAbsent(key, content);
                  }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> racer : racers) {
          try {
            won += racer.get() ? 1 : 0;
          } catch (ExecutionException e) {
            throw new AssertionError("race " + trial + ": a racer failed", e.getCause());
          }
        }
        assertThat(won).as("race %d", trial).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
