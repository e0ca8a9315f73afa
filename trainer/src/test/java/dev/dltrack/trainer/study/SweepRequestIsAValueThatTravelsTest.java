package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.dltrack.tracker.IfExists;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@link SweepRequest} is built by name, checked as it is built, and travels (Java serialization,
 * as Spark ships it) to be rebuilt into the same sweep.
 */
class SweepRequestIsAValueThatTravelsTest {
  private static SweepRequest request() {
    return SweepRequest.builder()
        .schemes(List.of("zeros", "he-normal"))
        .seeds(2)
        .epochs(3)
        .batch(64)
        .learningRate(0.01)
        .logRoot(Path.of("some/logs"))
        .parallel(2)
        .shard(new Shard(1, 3))
        .dataDir(Path.of("/data/fashion"))
        .subset(600)
        .tracking(false)
        .ifExists(IfExists.OVERWRITE)
        .backend("spark")
        .option("master", "local[2]")
        .wandbProject("init-study")
        .wandbEntity("my-team")
        .build();
  }

  @Test
  void itSurvivesSerializationWhole() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(request());
    }
    SweepRequest back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (SweepRequest) in.readObject();
    }

    assertThat(back).isEqualTo(request()).hasSameHashCodeAs(request());
    assertThat(back.sweep().runs()).isEqualTo(request().sweep().runs());
    assertThat(back.option("master", "")).isEqualTo("local[2]");
    assertThat(back.sweep().runs())
        .allSatisfy(
            r ->
                assertThat(r.runOptions())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of("wandb.project", "init-study", "wandb.entity", "my-team")));
  }

  @Test
  void withoutAWandbProjectOrEntityTheRunsSetNoOptionSoTheEnvironmentDecides() {
    assertThat(SweepRequest.builder().build().sweep().runs())
        .allSatisfy(r -> assertThat(r.runOptions()).isEmpty());
    assertThat(
            SweepRequest.builder()
                .schemes(List.of("zeros"))
                .wandbEntity("my-team")
                .build()
                .sweep()
                .runs()
                .get(0)
                .runOptions())
        .containsExactly(Map.entry("wandb.entity", "my-team"));
  }

  @Test
  void toBuilderKeepsEveryValue() {
    assertThat(request().toBuilder().build()).isEqualTo(request());
    assertThat(request().toBuilder().seeds(5).build()).isNotEqualTo(request());
  }

  @Test
  void theDefaultsAreTheWholeStudyRefusingExistingRuns() {
    SweepRequest defaults = SweepRequest.builder().build();

    assertThat(defaults.sweep().runs()).hasSize(12);
    assertThat(defaults.epochs()).isEqualTo(SweepRequest.DEFAULT_EPOCHS);
    assertThat(defaults.ifExists()).isEqualTo(IfExists.FAIL);
    assertThat(defaults.tracking()).isTrue();
    assertThat(defaults.backend()).isNull();
    assertThat(defaults.sweep().pairToCompare()).contains(Sweep.UNDECIDED_PAIR);
    assertThat(
            SweepRequest.builder()
                .schemes(List.of("zeros", "uniform-rule"))
                .build()
                .sweep()
                .pairToCompare())
        .isEmpty();
  }

  @Test
  void severalSeedsNameRunsBySchemeAndSeed() {
    SweepRequest request = SweepRequest.builder().schemes(List.of("lsuv")).seeds(3).build();
    assertThat(request.sweep().runs())
        .extracting(RunSpec::runName)
        .containsExactly("lsuv-s1", "lsuv-s2", "lsuv-s3");
  }

  @Test
  void badValuesAreRefusedAsTheyAreSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SweepRequest.builder().seeds(0))
        .withMessage("seeds must be >= 1: 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SweepRequest.builder().schemes(List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SweepRequest.builder().schemes(List.of("glorot")))
        .withMessageContaining("unknown initialization scheme 'glorot'");
  }
}
