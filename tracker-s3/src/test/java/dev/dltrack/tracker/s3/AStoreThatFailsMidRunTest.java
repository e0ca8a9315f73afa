package dev.dltrack.tracker.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 server goes down in the middle of a run, as a disk fills up: the flush that cannot store
 * says so, what was stored before stays readable, and once the server is back the next flush stores
 * everything, nothing lost and nothing twice.
 */
class AStoreThatFailsMidRunTest {
  @RegisterExtension static final S3ServerExtension S3 = new S3ServerExtension("failing");

  @Test
  void aFlushThatCannotStoreThrowsAndTheNextOneStoresEverything() throws Exception {
    String root = S3.root("logs");
    Run run = Run.builder("r").logRoot(root).flushInterval(Duration.ofHours(1)).open();
    for (int step = 0; step < 10; step++) {
      run.scalar("loss", step, step);
    }
    run.flush();

    S3.server().stop();
    for (int step = 10; step < 20; step++) {
      run.scalar("loss", step, step); // logging goes on: the spool takes it
    }
    assertThatThrownBy(run::flush)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("storing run 'r' at " + root + "/r failed")
        .hasMessageContaining("sent again at the next flush");

    S3.server().resume();
    RunLog upToTheLastFlush = LogRoot.read(root).run("r").orElseThrow();
    assertThat(upToTheLastFlush.warnings()).isEmpty();
    assertThat(upToTheLastFlush.scalars("loss")).hasSize(10);

    for (int step = 20; step < 30; step++) {
      run.scalar("loss", step, step);
    }
    run.flush(); // stores what the failed flush could not, and the rest
    run.close();
    RunLog all = LogRoot.read(root).run("r").orElseThrow();
    assertThat(all.warnings()).isEmpty();
    assertThat(all.scalars("loss"))
        .extracting(p -> p.step())
        .containsExactlyElementsOf(LongStream.range(0, 30).boxed().toList());
  }

  @Test
  void aCloseThatCannotStoreNamesTheSpoolThatKeepsTheRun() throws Exception {
    String root = S3.root("closing");
    Run run = Run.builder("r").logRoot(root).flushInterval(Duration.ofHours(1)).open();
    run.scalar("loss", 0, 1);
    S3.server().stop();
    try {
      assertThatThrownBy(run::close)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("the whole run is kept in " + run.directory());
      assertThat(run.directory().resolve("wandb")).isDirectory();
    } finally {
      S3.server().resume();
    }
  }
}
