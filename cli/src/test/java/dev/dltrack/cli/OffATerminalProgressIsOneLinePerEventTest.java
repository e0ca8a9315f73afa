package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.cli.SweepCommand.ProgressStyle;
import dev.dltrack.testsupport.TinyDataset;
import dev.dltrack.trainer.study.SweepRunner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * When the sweep's output is not a terminal (CI, a log file, {@code | tee}) its progress is one
 * plain line per event, a run started, an epoch ended or a run finished, with no carriage return or
 * escape code to redraw a bar; {@code --progress} forces either way.
 */
class OffATerminalProgressIsOneLinePerEventTest {
  @TempDir Path data;
  @TempDir Path logs;

  @Test
  void aSweepIntoAStreamPrintsOneLinePerRunEvent() throws Exception {
    TinyDataset.write(data, 600, 120);

    SmallSweep.Result sweep = SmallSweep.run(SmallSweep.args("zeros,he-normal", 2, data, logs));

    String text = sweep.output();
    assertThat(sweep.exit()).as(text).isZero();
    assertThat(text).doesNotContain("\r").doesNotContain("\033");
    List<String> lines = Arrays.asList(text.split("\n"));
    for (String run : List.of("zeros", "he-normal")) {
      // 500 training images at batch 50, two epochs
      assertThat(lines).filteredOn(l -> l.matches(run + " +started: 20 iterations")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.matches(run + " +epoch  1/2  val acc .*")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.matches(run + " +epoch  2/2  val acc .*")).hasSize(1);
      assertThat(lines)
          .filteredOn(l -> l.matches(run + " +SUCCESS in \\d+:\\d\\d \\([12]/2 runs done\\)"))
          .hasSize(1);
    }
    assertThat(lines)
        .filteredOn(l -> l.contains(" runs done)"))
        .containsSubsequence(
            lines.stream().filter(l -> l.endsWith("(1/2 runs done)")).findFirst().orElseThrow(),
            lines.stream().filter(l -> l.endsWith("(2/2 runs done)")).findFirst().orElseThrow());
    assertThat(text).contains("sweep done");
  }

  @Test
  void autoPicksTheBarOnlyOnATerminalAndEitherCanBeForced() {
    assertThat(ProgressStyle.auto.resolve(true)).isEqualTo(SweepRunner.Progress.BAR);
    assertThat(ProgressStyle.auto.resolve(false)).isEqualTo(SweepRunner.Progress.LINES);
    assertThat(ProgressStyle.bar.resolve(false)).isEqualTo(SweepRunner.Progress.BAR);
    assertThat(ProgressStyle.lines.resolve(true)).isEqualTo(SweepRunner.Progress.LINES);
  }

  @Test
  void theOptionNamesTheStylesItTakes() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cmd = new CommandLine(new SweepCommand());
    cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    int exit = cmd.execute("--progress", "fancy", "--logdir", logs.toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--progress")
        .contains("auto, bar, lines");
  }
}
