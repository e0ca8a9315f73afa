package dev.dltrack.tracker.tensorboard;

import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.testing.Fixtures;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against what real TensorBoard serves for the same event files, written by
 * TensorBoard's Python code and TensorFlow's native writer (the workplace's shared fixtures):
 * runs, every scalar point, histogram buckets, distribution percentiles, text and the HParams
 * table (experiment and session groups).
 */
class ReaderAgreesWithTensorBoardTest {
  /** One TensorBoard per fixture, started on first use: starting one costs seconds. */
  private static final Map<String, TensorBoard> SERVED = new HashMap<>();

  private static TensorBoard served(String fixture) {
    return SERVED.computeIfAbsent(
        fixture, f -> TensorBoardAgreement.serveAll(Fixtures.dir(f)));
  }

  @AfterAll
  static void stopTensorBoard() {
    SERVED.values().forEach(TensorBoard::close);
  }

  private static LogRoot read(String fixture) throws IOException {
    return LogRoot.read(Fixtures.dir(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameRuns(String fixture) throws IOException {
    TensorBoardAgreement.assertSameRuns(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameScalarSeries(String fixture) throws IOException {
    TensorBoardAgreement.assertSameScalars(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameHistogramBuckets(String fixture) throws IOException {
    TensorBoardAgreement.assertSameHistograms(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameDistributionPercentiles(String fixture) throws IOException {
    TensorBoardAgreement.assertSameDistributions(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameTextRenderedAsTensorBoardRendersMarkdown(String fixture) throws IOException {
    TensorBoardAgreement.assertSameTexts(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameHParamsExperimentAndSessionGroups(String fixture) throws IOException {
    TensorBoardAgreement.assertSameHParams(served(fixture), read(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void fixturesAreSoundForTheIndependentChecker(String fixture) throws Exception {
    TfeventsCheck.assertSound(Fixtures.dir(fixture));
  }
}
