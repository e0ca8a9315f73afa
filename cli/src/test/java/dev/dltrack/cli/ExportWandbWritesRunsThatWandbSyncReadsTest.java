package dev.dltrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.testing.Fixtures;
import dev.dltrack.tracker.testing.WandbCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dltrack export wandb}: the options become a {@code WandbExport}, each run's offline run is
 * accepted by W&amp;B's own sync loop, and refusals are one line with what to do.
 */
class ExportWandbWritesRunsThatWandbSyncReadsTest {
  @TempDir Path out;

  private record Result(int exit, String out) {}

  private static Result dltrack(String... args) {
    StringWriter text = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(text, true));
    cli.setErr(new PrintWriter(text, true));
    int exit = cli.execute(args);
    return new Result(exit, text.toString());
  }

  @Test
  void everyRunOfTheLogRootIsExportedWithTheProjectAndEntityGiven() throws Exception {
    Path logs = Fixtures.dir("tensorboard");
    Result r =
        dltrack(
            "export",
            "wandb",
            logs.toString(),
            "-o",
            out.toString(),
            "--project",
            "p1",
            "--entity",
            "team");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("tensorboard-python: ")
        .contains("tensorflow-native: ")
        .contains(
            "2 run(s) exported; upload them with: wandb sync " + out + "/*/wandb/offline-run-*");
    for (String run : new String[] {"tensorboard-python", "tensorflow-native"}) {
      WandbCheck.Result c = WandbCheck.assertAccepted(WandbCheck.offlineRunDir(out.resolve(run)));
      var record = c.ofType("run").get(0).path("record").path("run");
      assertThat(record.path("project").asText()).isEqualTo("p1");
      assertThat(record.path("entity").asText()).isEqualTo("team");
      assertThat(record.path("display_name").asText()).isEqualTo(run);
    }
  }

  @Test
  void anExistingExportIsRefusedInOneLineUnlessOverwrite() throws Exception {
    Path logs = Fixtures.dir("tensorboard-hparams");
    assertThat(
            dltrack("export", "wandb", logs.toString(), "-o", out.toString(), "--runs", "zeros")
                .exit())
        .isZero();
    Result again = dltrack("export", "wandb", logs.toString(), "-o", out.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.out().strip())
        .startsWith("dltrack wandb: ")
        .contains("already holds an export of zeros; give --overwrite")
        .doesNotContain("\n");
    Result overwritten =
        dltrack("export", "wandb", logs.toString(), "-o", out.toString(), "--overwrite");
    assertThat(overwritten.exit()).as(overwritten.out()).isZero();
    assertThat(overwritten.out()).contains("2 run(s) exported");
  }

  @Test
  void aMissingLogRootIsOneLine() {
    Result r =
        dltrack(
            "export", "wandb", out.resolve("nope").toString(), "-o", out.resolve("x").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("no such file or directory: ")
        .contains("nope")
        .doesNotContain("\tat ");
  }
}
