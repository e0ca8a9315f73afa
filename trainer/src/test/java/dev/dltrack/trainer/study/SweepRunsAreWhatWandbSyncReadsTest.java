package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.WandbCheck;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs of a sweep (two schemes, one epoch, on small synthetic data) in W&amp;B's offline
 * layout: each accepted by W&amp;B 0.18.7's own sync loop ({@code ../shared/tools/wandb/check}),
 * with its hyperparameters as config and its curves as history, so that {@code wandb sync
 * logs/*}{@code /wandb/offline-run-*} uploads the sweep.
 */
class SweepRunsAreWhatWandbSyncReadsTest {
  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void everyRunOfASweepIsAcceptedWithItsConfigAndCurves() throws Exception {
    FashionMnistSplits data = IdxFixtures.smallSplits(dataDir);
    Sweep sweep =
        Sweep.of(
            List.of(InitScheme.byName("zeros"), InitScheme.byName("he-normal")),
            1,
            1,
            50,
            1e-3,
            logs,
            1);
    assertThat(sweep.run(data, true, SweepProgress.NONE))
        .extracting(RunResult::status)
        .containsOnly(RunStatus.SUCCESS);

    LogRoot read = LogRoot.read(logs);
    assertThat(read.runs()).hasSize(2);
    for (RunLog run : read.runs()) {
      WandbCheck.Result r =
          WandbCheck.assertAccepted(WandbCheck.offlineRunDir(logs.resolve(run.name())));
      assertThat(r.types()).startsWith("header", "run").endsWith("exit", "final");
      JsonNode record = r.ofType("run").get(0).path("record").path("run");
      assertThat(record.path("display_name").asText()).isEqualTo(run.name());
      List<String> configKeys = record.path("config").path("update").findValuesAsText("key");
      assertThat(configKeys)
          .contains("seed")
          .containsAll(run.session().orElseThrow().hparams().keySet());

      // every train/batch_loss is a history value, the double that TensorBoard keeps as a float32
      List<Double> losses = new ArrayList<>();
      for (JsonNode h : r.ofType("history")) {
        for (JsonNode item : h.path("record").path("history").path("item")) {
          if (item.path("key").asText().equals("train/batch_loss")) {
            losses.add((double) Float.parseFloat(item.path("value_json").asText()));
          }
        }
      }
      assertThat(losses)
          .containsExactlyElementsOf(
              run.scalars("train/batch_loss").stream().map(ScalarPoint::value).toList());
      assertThat(r.ofType("exit").get(0).path("record").path("exit").path("exit_code").asInt())
          .isZero();
    }
  }
}
