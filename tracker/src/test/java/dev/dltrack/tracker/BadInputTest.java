package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Caller mistakes get an exception that names the bad value, before anything is written. */
class BadInputTest {
  @TempDir Path root;

  @org.junit.jupiter.api.AfterEach
  void whatWasWrittenIsSound() throws Exception {
    dev.dltrack.tracker.testing.TfeventsCheck.assertSoundIfAny(root);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "a/b", "../escape", "/abs", "a\\b", " padded", ""})
  void runNamesThatCouldLeaveTheLogRootAreRefused(String name) {
    assertThatThrownBy(() -> Run.builder(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run name");
    assertThat(root).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../b", "/abs", "\\abs", " ", ""})
  void tagsThatCouldBeReadAsPathsOutOfTheRunAreRefused(String tag) throws Exception {
    try (Run run = Run.builder("r").logRoot(root).open()) {
      assertThatThrownBy(() -> run.scalar(tag, 0, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tag");
    }
  }

  @Test
  void negativeStepsAreRefused() throws Exception {
    try (Run run = Run.builder("r").logRoot(root).open()) {
      assertThatThrownBy(() -> run.scalar("x", -1, 1)).hasMessage("step must be >= 0: -1");
    }
  }

  @Test
  void configValuesMustBeScalars() {
    assertThatThrownBy(() -> Run.builder("r").config(Map.of("layers", List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config value of 'layers' must be a string, boolean or number");
  }

  @Test
  void unknownFormatsAreNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> Run.builder("r").logRoot(root).formats("mlflow").open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown output format 'mlflow'")
        .hasMessageContaining("tensorboard")
        .hasMessageContaining("wandb");
  }

  @Test
  void aLogRootThatIsAFileIsAnIoError() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> Run.builder("r").logRoot(file).open())
        .isInstanceOf(java.io.IOException.class);
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
