package dev.dltrack.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.trainer.data.FashionMnistLocator.Location;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistLocatorTest {
  private static final Path HOME = Path.of("/home/someone");
  private static final Path SYSTEM = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void searchesTheEnvironmentVariableThenTheSystemDirectoryThenTheCache() {
    FashionMnistLocator locator =
        new FashionMnistLocator(Map.of("FASHION_MNIST_DIR", "/data/fm"), HOME, SYSTEM);

    assertThat(locator.searchPath())
        .extracting(Location::dir)
        .containsExactly(
            Path.of("/data/fm"), SYSTEM, Path.of("/home/someone/.cache/dltrack/fashion-mnist"));
  }

  @Test
  void onlyTheToolsOwnLocationsMustHoldTheOfficialFiles() {
    FashionMnistLocator locator =
        new FashionMnistLocator(Map.of("FASHION_MNIST_DIR", "/data/fm"), HOME, SYSTEM);

    assertThat(locator.searchPath())
        .extracting(Location::holdsOnlyOfficialFiles)
        .containsExactly(false, true, true);
    assertThat(Location.explicit(Path.of("/x")).holdsOnlyOfficialFiles()).isFalse();
  }

  @Test
  void skipsTheEnvironmentVariableWhenUnsetOrBlank() {
    assertThat(new FashionMnistLocator(Map.of(), HOME, SYSTEM).searchPath())
        .extracting(Location::dir)
        .startsWith(SYSTEM)
        .hasSize(2);
    assertThat(new FashionMnistLocator(Map.of("FASHION_MNIST_DIR", " "), HOME, SYSTEM).searchPath())
        .extracting(Location::dir)
        .startsWith(SYSTEM)
        .hasSize(2);
  }

  @Test
  void cachesUnderXdgCacheHomeWhenItIsAnAbsolutePath() {
    FashionMnistLocator locator =
        new FashionMnistLocator(Map.of("XDG_CACHE_HOME", "/var/cache/me"), HOME, SYSTEM);

    assertThat(locator.cache().dir()).isEqualTo(Path.of("/var/cache/me/dltrack/fashion-mnist"));
  }

  @Test
  void ignoresARelativeXdgCacheHomeAsTheSpecificationSays() {
    FashionMnistLocator locator =
        new FashionMnistLocator(Map.of("XDG_CACHE_HOME", "cache"), HOME, SYSTEM);

    assertThat(locator.cache().dir())
        .isEqualTo(Path.of("/home/someone/.cache/dltrack/fashion-mnist"));
  }

  @Test
  void describesEachLocationForMessages() {
    FashionMnistLocator locator =
        new FashionMnistLocator(Map.of("FASHION_MNIST_DIR", "/data/fm"), HOME, SYSTEM);

    assertThat(locator.searchPath())
        .extracting(Location::description)
        .containsExactly(
            "$FASHION_MNIST_DIR /data/fm",
            "/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist)",
            "/home/someone/.cache/dltrack/fashion-mnist (download cache)");
    assertThat(Location.explicit(Path.of("/x")).description()).isEqualTo("--data /x");
  }
}
