package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.testing.ManualClock;
import dev.dltrack.tracker.testing.WandbCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The W&amp;B project and entity: options of the run ({@code wandb.project}, {@code wandb.entity}),
 * else {@code WANDB_PROJECT} and {@code WANDB_ENTITY} as {@code wandb} reads them, written into the
 * run record that {@code wandb sync} creates the run from (and that its {@code --project/--entity}
 * overwrite, {@code wandb/sync/sync.py} {@code _parse_pb}).
 */
class ProjectAndEntityTest {
  @TempDir Path root;

  private static JsonNode runRecord(Path runDir) throws Exception {
    WandbCheck.Result r = WandbCheck.assertAccepted(WandbCheck.offlineRunDir(runDir));
    return r.ofType("run").get(0).path("record").path("run");
  }

  @Test
  void optionsOfTheRunGoIntoTheRunRecord() throws Exception {
    try (Run run =
        Run.builder("r")
            .logRoot(root)
            .formats("wandb")
            .clock(new ManualClock(1_796_572_220_000L))
            .option("wandb.project", "mnist-study")
            .option("wandb.entity", "my-team")
            .open()) {
      run.scalar("loss", 0, 1.0);
    }
    JsonNode run = runRecord(root.resolve("r"));
    assertThat(run.path("project").asText()).isEqualTo("mnist-study");
    assertThat(run.path("entity").asText()).isEqualTo("my-team");
    assertThat(
            WandbOfflineRuns.read(WandbCheck.offlineRunDir(root.resolve("r")))
                .config()
                .get("_wandb"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("project", "mnist-study")
        .containsEntry("entity", "my-team");
  }

  @Test
  void theEnvironmentIsTheDefaultAndTheOptionsOverrideIt() throws Exception {
    Map<String, String> env = Map.of("WANDB_PROJECT", "env-project", "WANDB_ENTITY", "env-entity");
    WandbSinkProvider provider = new WandbSinkProvider(env::get);
    open(provider, "from-env", Map.of());
    open(provider, "overridden", Map.of("wandb.project", "mine"));
    open(new WandbSinkProvider(k -> null), "none", Map.of());

    JsonNode fromEnv = runRecord(root.resolve("from-env"));
    assertThat(fromEnv.path("project").asText()).isEqualTo("env-project");
    assertThat(fromEnv.path("entity").asText()).isEqualTo("env-entity");
    JsonNode overridden = runRecord(root.resolve("overridden"));
    assertThat(overridden.path("project").asText()).isEqualTo("mine");
    assertThat(overridden.path("entity").asText()).isEqualTo("env-entity");
    // none: left to wandb sync --project/--entity, or the account's defaults
    JsonNode none = runRecord(root.resolve("none"));
    assertThat(none.path("project").asText()).isEmpty();
    assertThat(none.path("entity").asText()).isEmpty();
  }

  private void open(WandbSinkProvider provider, String name, Map<String, String> options)
      throws Exception {
    Path dir = root.resolve(name);
    Files.createDirectories(dir);
    RunInfo info =
        new RunInfo(
            name,
            dir,
            Map.of("lr", 0.1),
            name,
            Optional.empty(),
            1_796_572_220.0,
            "test",
            List.of(),
            "host",
            options);
    try (Sink sink = provider.open(info)) {
      sink.write(new RunRecord.Scalar("loss", 0, 1_796_572_220.5, 1.0));
    }
  }

  @Test
  void anOptionNoFormatTakesFailsTheOpeningBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> Run.builder("typo").logRoot(root).option("wandb.projcet", "p").open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "output format 'wandb' has no option 'projcet'; it has: classic, entity, project");
    assertThatThrownBy(() -> Run.builder("typo").logRoot(root).option("wnadb.project", "p").open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("option 'wnadb.project' is of an unknown output format; known: ");
    assertThatThrownBy(() -> Run.builder("typo").option("project", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<format>.<option>");
    assertThat(root.resolve("typo")).doesNotExist();
  }
}
