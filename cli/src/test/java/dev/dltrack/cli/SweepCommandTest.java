package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.PairDeclaration;
import dev.dltrack.compare.model.ComparedPair;
import dev.dltrack.testsupport.TinyDataset;
import dev.dltrack.tracker.IfExists;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.tracker.testing.WandbCheck;
import dev.dltrack.tracker.wandb.WandbOfflineRuns;
import dev.dltrack.tracker.wandb.WandbRuns;
import dev.dltrack.trainer.study.Shard;
import dev.dltrack.trainer.study.SweepRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sweep command end to end: two schemes, one epoch, a small data set, two runs at once. */
class SweepCommandTest {
  @TempDir Path data;
  @TempDir Path logs;

  @Test
  void aTwoSchemeSweepWritesSoundReadableRunsAndATable() throws Exception {
    TinyDataset.write(data, 600, 120);
    List<String> sweep = SmallSweep.args("zeros,he-normal", 1, data, logs);
    SmallSweep.Result first = SmallSweep.run(sweep);
    String text = first.output();
    assertThat(first.exit()).as(text).isZero();
    assertThat(text)
        .contains("zeros")
        .contains("he-normal")
        .contains("SUCCESS")
        .contains("sweep done");

    TfeventsCheck.assertSound(logs);
    LogRoot root = LogRoot.read(logs);
    assertThat(root.runs()).extracting(RunLog::name).containsExactly("he-normal", "zeros");
    for (RunLog run : root.runs()) {
      assertThat(run.scalars().keySet())
          .contains(
              "train/batch_loss",
              "train/loss",
              "train/accuracy",
              "val/loss",
              "val/accuracy",
              "test/loss",
              "test/accuracy",
              "epoch",
              "layer0/update_ratio/W",
              "layer2/activation/std");
      assertThat(run.histograms().keySet())
          .contains(
              "layer0/W", "layer0/b", "layer1/W", "layer2/W", "layer0/grad/W", "layer2/grad/b");
      assertThat(run.texts()).containsKey("config");
      assertThat(WandbRuns.read(run.directory()).history()).isNotEmpty();
    }
    HParamsView view = HParamsView.of(root.runs()).orElseThrow();
    assertThat(view.groups())
        .extracting(HParamsView.SessionGroup::name)
        .containsExactly("he-normal", "zeros");
    assertThat(view.experiment().metrics())
        .extracting(m -> m.tag())
        .contains("val/accuracy", "test/accuracy");
    assertThat(view.differs("scheme")).isTrue();
    // zeros and he-normal are not the study's undecided pair: nothing is declared for compare
    assertThat(PairDeclaration.read(logs)).isEmpty();

    // the same sweep again is refused before it trains anything, naming the runs and the way out
    SmallSweep.Result again = SmallSweep.run(sweep);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.output())
        .contains("already holds 2 of this sweep's runs (zeros, he-normal)")
        .contains("--overwrite");
    // with --overwrite each run is one clean history again, not two appended
    List<String> overwrite = new ArrayList<>(sweep);
    overwrite.add("--overwrite");
    assertThat(SmallSweep.run(overwrite).exit()).isZero();
    for (RunLog run : LogRoot.read(logs).runs()) {
      assertThat(run.scalars("epoch")).as(run.name()).hasSize(1);
      assertThat(run.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    }
  }

  @Test
  void anUnknownSchemeIsRefusedWithTheValidNames() {
    SmallSweep.Result refused =
        SmallSweep.run(List.of("--schemes", "glorot", "--logdir", logs.toString()));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output())
        .contains("unknown initialization scheme 'glorot'")
        .contains("he-normal");
  }

  @Test
  void aSweepOfTheUndecidedPairDeclaresItForCompare() throws Exception {
    TinyDataset.write(data, 300, 60);
    SmallSweep.Result sweep =
        SmallSweep.run(
            SmallSweep.args(
                "uniform-rule,normal-rule,zeros", 1, data, logs, "--progress", "lines"));

    assertThat(sweep.exit()).as(sweep.output()).isZero();
    assertThat(PairDeclaration.read(logs))
        .contains(
            new ComparedPair(
                "uniform-rule",
                "normal-rule",
                "the pair the study's article could not tell apart"));
    // the declaration is no run
    assertThat(LogRoot.read(logs).runs())
        .extracting(RunLog::name)
        .containsExactly("normal-rule", "uniform-rule", "zeros");
  }

  @Test
  void theWandbProjectAndEntityGoIntoEveryRunsOfflineRun() throws Exception {
    TinyDataset.write(data, 300, 60);
    SmallSweep.Result sweep =
        SmallSweep.run(
            SmallSweep.args(
                "zeros,he-normal",
                1,
                data,
                logs,
                "--wandb-project",
                "init-study",
                "--wandb-entity",
                "my-team"));

    assertThat(sweep.exit()).as(sweep.output()).isZero();
    for (String name : List.of("zeros", "he-normal")) {
      // as wandb sync reads the run record, which its --project/--entity would still override
      assertThat(
              WandbOfflineRuns.read(WandbCheck.offlineRunDir(logs.resolve(name)))
                  .config()
                  .get("_wandb"))
          .as(name)
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("project", "init-study")
          .containsEntry("entity", "my-team");
    }
  }

  @Test
  void anInvalidShardIsRefusedSayingWhatIsExpected() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cmd = new CommandLine(new SweepCommand());
    cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    assertThat(cmd.execute("--shard", "2/2", "--logdir", logs.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("invalid --shard '2/2'")
        .contains("0 to 1");
  }

  @Test
  void theOptionsMakeTheRequest() {
    SweepCommand command = new SweepCommand();
    new CommandLine(command)
        .parseArgs(
            "--schemes",
            "zeros, he-normal",
            "--seeds",
            "3",
            "--epochs",
            "2",
            "--batch",
            "64",
            "--lr",
            "0.01",
            "--logdir",
            logs.toString(),
            "--parallel",
            "3",
            "--shard",
            "1/2",
            "--data",
            data.toString(),
            "--subset",
            "500",
            "--overwrite",
            "--spark",
            "local[2]",
            "--spark-logs",
            "shared",
            "--wandb-project",
            "init-study",
            "--wandb-entity",
            "my-team");

    SweepRequest request = command.request();

    assertThat(request)
        .isEqualTo(
            SweepRequest.builder()
                .schemes(List.of("zeros", "he-normal"))
                .seeds(3)
                .epochs(2)
                .batch(64)
                .learningRate(0.01)
                .logRoot(logs)
                .parallel(3)
                .shard(new Shard(1, 2))
                .dataDir(data)
                .subset(500)
                .ifExists(IfExists.OVERWRITE)
                .backend("spark")
                .option("master", "local[2]")
                .option("logs", "shared")
                .wandbProject("init-study")
                .wandbEntity("my-team")
                .build());
    SweepCommand defaults = new SweepCommand();
    new CommandLine(defaults).parseArgs("--parallel", "1");
    assertThat(defaults.request())
        .isEqualTo(SweepRequest.builder().parallel(1).logRoot(Path.of("logs")).build());
  }
}
