package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.tensorboard.TensorBoardReader;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.init.InitScheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short sweep (three schemes that look apart: zeros, U[0,1] and He normal; two epochs on a
 * small data set) served by real TensorBoard: every dashboard shows what the runs logged.
 */
class SweepServedByTensorBoardTest {
  static final List<String> SCHEMES = List.of("zeros", "uniform", "he-normal");
  static final int EPOCHS = 2;

  @TempDir static Path dataDir;
  @TempDir static Path logs;
  static List<RunResult> results;
  static LogRoot root;
  static TensorBoard tb;

  @BeforeAll
  static void sweepAndServe() throws Exception {
    // 1,000 test images: the embedding's full size
    IdxFixtures.writeDataset(dataDir, 1100, StudyRun.EMBEDDING_SIZE);
    FashionMnistSplits data = FashionMnistSplits.split(FashionMnistLoader.standard().load(dataDir), 100, 42);
    Sweep sweep =
        Sweep.of(SCHEMES.stream().map(InitScheme::byName).toList(), 1, EPOCHS, 100, 1e-3, logs, 2);
    results = sweep.run(data, true, SweepProgress.NONE);
    TfeventsCheck.assertSound(logs);
    root = TensorBoardReader.readLogRoot(logs);
    tb = TensorBoardAgreement.serveAll(logs);
  }

  @AfterAll
  static void stopTensorBoard() {
    if (tb != null) {
      tb.close();
    }
  }

  @Test
  void everyRunSucceeded() {
    assertThat(results).extracting(RunResult::status).containsOnly(RunStatus.SUCCESS);
  }

  @Test
  void scalarsHistogramsDistributionsTextAndHParamsAreServedAsTheReaderReadsThem() {
    TensorBoardAgreement.assertAgrees(tb, root);
  }
}
