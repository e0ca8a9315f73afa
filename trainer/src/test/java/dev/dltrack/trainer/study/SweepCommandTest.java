package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.wandb.WandbRuns;
import dev.dltrack.trainer.data.IdxFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sweep command end to end: two schemes, one epoch, a small data set, two runs at once. */
class SweepCommandTest {
  @TempDir Path data;
  @TempDir Path logs;

  @Test
  void aTwoSchemeSweepWritesSoundReadableRunsAndATable() throws Exception {
    IdxFixtures.writeDataset(data, 600, 120);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new SweepCommand(out))
            .execute(
                "--schemes", "zeros,he-normal",
                "--epochs", "1",
                "--batch", "50",
                "--parallel", "2",
                "--data", data.toString(),
                "--logdir", logs.toString());
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    assertThat(text).contains("zeros").contains("he-normal").contains("SUCCESS").contains("sweep done");

    TfeventsCheck.assertSound(logs);
    LogRoot root = LogRoot.read(logs);
    assertThat(root.runs()).extracting(RunLog::name).containsExactly("he-normal", "zeros");
    for (RunLog run : root.runs()) {
      assertThat(run.scalars().keySet())
          .contains("train/batch_loss", "train/loss", "train/accuracy", "val/loss", "val/accuracy",
              "test/loss", "test/accuracy", "epoch", "layer0/update_ratio/W", "layer2/activation/std");
      assertThat(run.histograms().keySet())
          .contains("layer0/W", "layer0/b", "layer1/W", "layer2/W", "layer0/grad/W", "layer2/grad/b");
      assertThat(run.texts()).containsKey("config");
      assertThat(WandbRuns.read(run.directory()).history()).isNotEmpty();
    }
    HParamsView view = HParamsView.of(root.runs()).orElseThrow();
    assertThat(view.groups()).extracting(HParamsView.SessionGroup::name).containsExactly("he-normal", "zeros");
    assertThat(view.experiment().metrics()).extracting(m -> m.tag()).contains("val/accuracy", "test/accuracy");
    assertThat(view.differs("scheme")).isTrue();

    // the same sweep again is refused before it trains anything, naming the runs and the way out
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    CommandLine refused = new CommandLine(new SweepCommand(new PrintStream(again, true, StandardCharsets.UTF_8)));
    refused.setErr(new java.io.PrintWriter(again, true));
    refused.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println(e.getMessage());
      return 1;
    });
    List<String> sameSweep = List.of("--schemes", "zeros,he-normal", "--epochs", "1", "--batch", "50",
        "--parallel", "2", "--data", data.toString(), "--logdir", logs.toString());
    assertThat(refused.execute(sameSweep.toArray(String[]::new))).isEqualTo(1);
    assertThat(again.toString(StandardCharsets.UTF_8))
        .contains("already holds 2 of this sweep's runs (zeros, he-normal)").contains("--overwrite");
    // with --overwrite each run is one clean history again, not two appended
    List<String> overwrite = new java.util.ArrayList<>(sameSweep);
    overwrite.add("--overwrite");
    assertThat(new CommandLine(new SweepCommand(out)).execute(overwrite.toArray(String[]::new))).isZero();
    for (RunLog run : LogRoot.read(logs).runs()) {
      assertThat(run.scalars("epoch")).as(run.name()).hasSize(1);
      assertThat(run.session().orElseThrow().status()).isEqualTo(dev.dltrack.tracker.RunStatus.SUCCESS);
    }
  }

  @Test
  void severalSeedsNameRunsBySchemeAndSeed() {
    Sweep sweep = Sweep.of(List.of(dev.dltrack.trainer.init.InitScheme.byName("lsuv")), 3, 1, 128, 1e-3, logs, 2);
    assertThat(sweep.runs()).extracting(RunSpec::runName).containsExactly("lsuv-s1", "lsuv-s2", "lsuv-s3");
  }

  @Test
  void anUnknownSchemeIsRefusedWithTheValidNames() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cmd = new CommandLine(new SweepCommand());
    cmd.setErr(new java.io.PrintWriter(err, true));
    cmd.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println(e.getMessage());
      return 1;
    });
    int exit = cmd.execute("--schemes", "glorot", "--logdir", logs.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("unknown initialization scheme 'glorot'").contains("he-normal");
  }
}
