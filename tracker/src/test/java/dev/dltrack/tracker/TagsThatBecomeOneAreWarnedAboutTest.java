package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.LogRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags that differ only in characters TensorBoard rejects end up in one series; the second one is
 * warned about, naming both, once.
 */
class TagsThatBecomeOneAreWarnedAboutTest {
  @TempDir Path root;

  @Test
  void eachCollisionIsNamedOnce() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (Run run = Run.builder("tags").logRoot(root).open()) {
      for (int step = 0; step < 3; step++) {
        run.scalar("a_b", step, 1);
        run.scalar("a b", step, 2);
        run.scalar("a:b", step, 3);
        run.scalar("c", step, 4);
      }
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("tags 'a_b' and 'a b' are both logged as 'a_b'");
    assertThat(log).contains("tags 'a_b' and 'a:b' are both logged as 'a_b'");
    assertThat(log.split("are both logged as", -1)).hasSize(3);
    assertThat(LogRoot.read(root).run("tags").orElseThrow().scalars().keySet())
        .containsExactly("a_b", "c");
  }
}
