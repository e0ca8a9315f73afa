package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging observes training and never changes it: a run of the study with everything the tracker
 * logs (per-iteration metrics and update ratios, histograms, the probe's activations, weight
 * images, the embedding, PR curves) ends with the same validation loss and accuracy after every
 * epoch and the same test loss, double bit for double bit, as the same run with nothing logged. Any
 * difference in a parameter would show in those losses.
 */
class TrackingDoesNotChangeTrainingTest {
  @TempDir static Path dataDir;
  @TempDir Path logs;
  static FashionMnistSplits data;

  @BeforeAll
  static void syntheticData() throws Exception {
    data = IdxFixtures.smallSplits(dataDir);
  }

  /** Per epoch its validation loss and accuracy, then the test loss and accuracy. */
  private List<Double> train(boolean tracking, String name) throws Exception {
    // 3 epochs of 10 iterations: the embedding is logged before training and after the last
    RunSpec spec = new RunSpec(InitScheme.byName("he-normal"), 3, 3, 50, 1e-3, name, logs);
    List<Double> seen = new ArrayList<>();
    RunResult r =
        StudyRun.train(
            spec,
            data,
            Sweep.experiment(List.of(spec)),
            tracking,
            new SweepProgress() {
              @Override
              public void epochDone(
                  String run, int epoch, int epochs, double valAccuracy, double valLoss) {
                seen.add(valLoss);
                seen.add(valAccuracy);
              }
            });
    assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
    seen.add(r.testLoss());
    seen.add(r.testAccuracy());
    return seen;
  }

  @Test
  void aTrackedRunTrainsBitForBitAsAnUntrackedOne() throws Exception {
    List<Double> untracked = train(false, "plain");
    List<Double> tracked = train(true, "tracked");
    assertThat(tracked).hasSize(8);
    assertThat(bits(tracked)).isEqualTo(bits(untracked));
    // and the run did log: not a vacuous comparison
    assertThat(logs.resolve("tracked"))
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith("events."));
  }

  private static List<Long> bits(List<Double> values) {
    return values.stream().map(Double::doubleToRawLongBits).toList();
  }
}
