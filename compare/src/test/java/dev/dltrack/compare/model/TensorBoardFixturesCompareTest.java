package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.compare.CompareCommand;
import dev.dltrack.compare.testing.Cli;
import dev.dltrack.compare.testing.Fixtures;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs written by TensorBoard's and TensorFlow's own code compare with the values TensorBoard
 * itself served for them (fixtures/&#42;/tensorboard-reads.json).
 */
class TensorBoardFixturesCompareTest {
  @Test
  void finalAndBestValuesAreTheOnesTensorBoardServes() throws Exception {
    Comparison c =
        Comparison.of(
            TensorBoardReader.readLogRoot(Fixtures.dir("tensorboard")).runs(),
            List.of(MetricSpec.of("acc/tensor"), MetricSpec.of("loss"), MetricSpec.of("loss/simple")));

    assertThat(c.runs()).extracting(RunSummary::name).containsExactly("tensorboard-python", "tensorflow-native");
    RunSummary python = c.runs().get(0);
    // "last": [1700000009.0, 4, 0.4000000059604645]
    assertThat(python.metric(0).last()).contains(new ScalarPoint(4, 1700000009.0, 0.4000000059604645));
    assertThat(python.metric(0).best()).isEqualTo(python.metric(0).last());
    assertThat(python.metric(1).last()).isEmpty();
    // loss/simple = 1/(s+1): lowest at the last step, "last": [1700000004.0, 4, 0.20000000298023224]
    assertThat(python.metric(2).best()).contains(new ScalarPoint(4, 1700000004.0, 0.20000000298023224));
    assertThat(python.hparams()).containsEntry("init", "he_normal").containsEntry("seed", 1.0);
    assertThat(python.group()).isEqualTo("he_normal-1");

    RunSummary tensorflow = c.runs().get(1);
    // "last": [1795910709.642108, 199, 0.004999999888241291]
    assertThat(tensorflow.metric(1).finalValue()).hasValue(0.004999999888241291);
    assertThat(tensorflow.metric(1).best().map(ScalarPoint::step)).contains(199L);
    assertThat(tensorflow.status()).isEmpty();
    assertThat(tensorflow.hparams()).isEmpty();
    // no session, no hparams: every run is its own group, named by its session group or name
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("he_normal-1", "tensorflow-native");
  }

  @Test
  void theCommandPrintsThemAsATable() throws Exception {
    String text =
        Cli.run(new CompareCommand(), Fixtures.dir("tensorboard-hparams").toString(), "-m", "val/accuracy")
            .out();

    // no session end: status unknown, wall time from the session start to the last record
    assertThat(text)
        .startsWith(
            "                      val/accuracy\n"
                + "run        init        final    best  step  status   wall\n"
                + "he-normal  he-normal  0.8800  0.8800     2  unknown  3.0s\n"
                + "zeros      zeros      0.1000  0.1000     2  unknown  3.0s\n");
  }

  @Test
  void inferredHParamsDifferAsTensorBoardSays() throws Exception {
    Comparison c =
        Comparison.of(
            TensorBoardReader.readLogRoot(Fixtures.dir("tensorboard-hparams")).runs(),
            MetricSpec.DEFAULTS);

    // "differs": true for init only
    assertThat(c.hparamNames()).containsExactly("init", "lr", "seed");
    assertThat(c.differingHParams()).containsExactly("init");
    assertThat(c.runs()).extracting(r -> r.metric(0).finalValue().getAsDouble())
        .containsExactly(0.8799999952316284, 0.10000000149011612);
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("he-normal", "zeros");
    assertThat(c.missingMetrics()).containsExactly("val/loss", "test/accuracy");
    assertThat(c.notes())
        .contains(
            "no run logged val/loss; scalar tags logged: val/accuracy",
            "no run logged test/accuracy; scalar tags logged: val/accuracy");
  }
}
