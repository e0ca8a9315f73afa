package dev.dltrack.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.Require;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the genuine data, where Debian's dataset-fashion-mnist is installed; skipped elsewhere. */
class RealFashionMnistTest {
  private static final Path SYSTEM_DIR = FashionMnistLocator.SYSTEM_DIR;
  private static FashionMnistData data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadFromTheSystemDirectory() throws IOException {
    Require.that(
        Files.isDirectory(SYSTEM_DIR), SYSTEM_DIR + " (apt-get install dataset-fashion-mnist)");
    // The system directory must hold the official files, so this load checks every checksum.
    data =
        new FashionMnistLoader(
                new FashionMnistLocator(Map.of(), Path.of("/nonexistent-home"), SYSTEM_DIR),
                FashionMnistDownloader.officialFilesFrom(URI.create("file:///nonexistent/")))
            .load();
  }

  private static int[] classCounts(LabeledImages images) {
    int[] counts = new int[LabeledImages.CLASSES];
    for (int i = 0; i < images.size(); i++) {
      counts[images.label(i)]++;
    }
    return counts;
  }

  @Test
  void holdsTheOfficialNumbersOfImages() {
    assertThat(data.train().size()).isEqualTo(60_000);
    assertThat(data.test().size()).isEqualTo(10_000);
  }

  @Test
  void everyClassHasAsManyImagesAsEveryOther() {
    assertThat(classCounts(data.train())).containsOnly(6_000);
    assertThat(classCounts(data.test())).containsOnly(1_000);
  }

  @Test
  void pixelsSpanTheUnitInterval() {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    LabeledImages train = data.train();
    for (int i = 0; i < train.size(); i++) {
      for (int p = 0; p < LabeledImages.PIXELS; p++) {
        min = Math.min(min, train.pixel(i, p));
        max = Math.max(max, train.pixel(i, p));
      }
    }
    assertThat(min).isZero();
    assertThat(max).isEqualTo(1f);
  }

  @Test
  void theStudysSplitHoldsOutTenThousandImagesTheSameWayEveryTime() {
    FashionMnistSplits splits = FashionMnistSplits.split(data, FashionMnistSplits.DEFAULT_SEED);

    assertThat(splits.train().size()).isEqualTo(50_000);
    assertThat(splits.validation().size()).isEqualTo(10_000);
    assertThat(splits.test()).isSameAs(data.test());
    assertThat(splits.validation())
        .isEqualTo(FashionMnistSplits.split(data, FashionMnistSplits.DEFAULT_SEED).validation());
  }

  @Test
  void downloadsVerifiesAndLoadsTheOfficialFilesWhenNoPlaceHasThem() throws IOException {
    Map<String, byte[]> served = new HashMap<>();
    for (FashionMnistFile file : FashionMnistFile.values()) {
      served.put(file.fileName(), Files.readAllBytes(SYSTEM_DIR.resolve(file.fileName())));
    }
    Path home = tmp.resolve("home");
    try (LocalServer server = new LocalServer(served)) {
      FashionMnistData downloaded =
          new FashionMnistLoader(
                  new FashionMnistLocator(Map.of(), home, tmp.resolve("no-system-dir")),
                  FashionMnistDownloader.officialFilesFrom(server.baseUri()))
              .load();

      assertThat(downloaded.train().size()).isEqualTo(60_000);
      assertThat(downloaded.test().size()).isEqualTo(10_000);
    }
    try (var cached = Files.list(home.resolve(".cache/dltrack/fashion-mnist"))) {
      assertThat(cached.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "train-images-idx3-ubyte.gz",
              "train-labels-idx1-ubyte.gz",
              "t10k-images-idx3-ubyte.gz",
              "t10k-labels-idx1-ubyte.gz");
    }
  }
}
