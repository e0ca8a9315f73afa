package dev.dltrack.tracker.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.ManualClock;
import dev.dltrack.tracker.testing.WandbCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run option {@code wandb.classic=false}: only W&amp;B's offline run is written, which {@code
 * wandb sync} accepts and the readers read back; {@code true} is the default.
 */
class ClassicFilesCanBeTurnedOffTest {
  @TempDir Path root;

  private Run.Builder run(String name) {
    return Run.builder(name)
        .logRoot(root)
        .formats("wandb")
        .option("wandb.classic", "false")
        .clock(new ManualClock(1_796_572_220_000L));
  }

  @Test
  void withoutClassicFilesOnlyTheOfflineRunIsWrittenAndItIsWhole() throws Exception {
    try (Run run = run("lean").config("lr", 0.1).open()) {
      for (int s = 0; s < 5; s++) {
        run.scalar("loss", s, 1.0 / (s + 1));
      }
      run.image("img", 2, ImageData.ofBytes(4, 4, 1, new byte[16]));
      run.summary("best", 0.5);
    }
    Path wandb = root.resolve("lean/wandb");
    Path dir = WandbCheck.offlineRunDir(root.resolve("lean"));
    try (Stream<Path> files = Files.list(wandb)) {
      assertThat(files.toList()).containsExactly(dir);
    }
    try (Stream<Path> media = Files.walk(dir.resolve("files/media"))) {
      assertThat(media.filter(Files::isRegularFile).toList()).hasSize(1);
    }
    WandbCheck.Result r = WandbCheck.assertAccepted(dir);
    assertThat(r.ofType("history")).hasSize(5);

    RunLog back = LogRoot.read(root).run("lean").orElseThrow();
    assertThat(back.scalars("loss"))
        .extracting(ScalarPoint::value)
        .containsExactly(1.0, 0.5, 1.0 / 3, 0.25, 0.2);
    assertThat(back.images("img")).hasSize(1);
  }

  @Test
  void aResumedRunWithoutClassicFilesGoesOnAfterItsLastStep() throws Exception {
    try (Run run = run("resumed").open()) {
      run.scalar("loss", 0, 1);
      run.scalar("loss", 1, 2);
      run.summary("best", 7);
    }
    try (Run run = run("resumed").resume().open()) {
      run.scalar("loss", 0, 99); // a step before the history's last: left out, as W&B leaves it
      run.scalar("loss", 2, 3);
    }
    WandbCheck.Result r =
        WandbCheck.assertAccepted(WandbCheck.offlineRunDir(root.resolve("resumed")));
    assertThat(r.ofType("history"))
        .extracting(
            h ->
                h.path("record")
                    .path("history")
                    .path("item")
                    .findValuesAsText("key")
                    .contains("loss"))
        .containsOnly(true);
    List<String> steps =
        r.ofType("history").stream()
            .map(
                h -> {
                  for (var item : h.path("record").path("history").path("item")) {
                    if (item.path("key").asText().equals("_step")) {
                      return item.path("value_json").asText();
                    }
                  }
                  return "";
                })
            .toList();
    assertThat(steps).containsExactly("0", "1", "2");
    var summaries = r.ofType("summary");
    String last = summaries.get(summaries.size() - 1).toString();
    assertThat(last).contains("\"best\"");
  }

  @Test
  void theClassicFilesAreWrittenByDefault() throws Exception {
    try (Run run = Run.builder("default").logRoot(root).formats("wandb").open()) {
      run.scalar("loss", 0, 1);
    }
    assertThat(root.resolve("default/wandb/wandb-history.jsonl")).isRegularFile();
    WandbCheck.offlineRunDir(root.resolve("default"));
  }

  @Test
  void aValueOtherThanTrueOrFalseIsRefusedAtOpening() {
    assertThatThrownBy(
            () ->
                Run.builder("bad")
                    .logRoot(root)
                    .formats("wandb")
                    .option("wandb.classic", "yes")
                    .open())
        .hasMessageContaining("wandb.classic must be true or false: 'yes'");
  }
}
