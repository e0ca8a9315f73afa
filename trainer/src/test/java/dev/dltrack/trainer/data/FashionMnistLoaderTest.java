package dev.dltrack.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLoaderTest {
  @TempDir Path tmp;

  private Path home() {
    return tmp.resolve("home");
  }

  private Path system() {
    return tmp.resolve("system");
  }

  private Path cache() {
    return home().resolve(".cache/dltrack/fashion-mnist");
  }

  private FashionMnistLoader loader(Map<String, String> env, LocalServer server) {
    return new FashionMnistLoader(
        new FashionMnistLocator(env, home(), system()),
        FashionMnistDownloader.officialFilesFrom(server.baseUri()));
  }

  @Test
  void loadsTheDirectoryGivenWithDataAheadOfEveryOtherPlace() throws IOException {
    Path env = IdxFixtures.writeDataset(tmp.resolve("env"), 30, 10);
    Path explicit = IdxFixtures.writeDataset(tmp.resolve("explicit"), 20, 8);
    try (LocalServer server = new LocalServer(Map.of())) {
      FashionMnistData data =
          loader(Map.of("FASHION_MNIST_DIR", env.toString()), server).load(explicit);

      assertThat(data.train().size()).isEqualTo(20);
      assertThat(data.test().size()).isEqualTo(8);
    }
  }

  @Test
  void loadsTheEnvironmentsDirectoryAheadOfTheSystemDirectoryAndTheCache() throws IOException {
    Path env = IdxFixtures.writeDataset(tmp.resolve("env"), 30, 10);
    IdxFixtures.writeDataset(system(), 20, 8);
    IdxFixtures.writeDataset(cache(), 20, 8);
    try (LocalServer server = new LocalServer(Map.of())) {
      FashionMnistData data = loader(Map.of("FASHION_MNIST_DIR", env.toString()), server).load();

      assertThat(data.train().size()).isEqualTo(30);
      assertThat(data.test().size()).isEqualTo(10);
    }
  }

  @Test
  void refusesOtherFilesInTheSystemDirectoryRatherThanLookingFurther() {
    IdxFixtures.writeDataset(system(), 30, 10);
    try (LocalServer server = new LocalServer(Map.of())) {
      assertThatThrownBy(() -> loader(Map.of(), server).load())
          .isInstanceOf(CorruptDatasetException.class)
          .hasMessageStartingWith(
              system().resolve("train-images-idx3-ubyte.gz")
                  + ": is not the official FashionMNIST train-images-idx3-ubyte.gz");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void refusesOtherFilesInTheCache() {
    IdxFixtures.writeDataset(cache(), 30, 10);
    try (LocalServer server = new LocalServer(Map.of())) {
      assertThatThrownBy(() -> loader(Map.of(), server).load())
          .isInstanceOf(CorruptDatasetException.class)
          .hasMessageContaining("is not the official FashionMNIST");
    }
  }

  @Test
  void failsWithoutLookingElsewhereWhenTheDataDirectoryLacksAFile() throws IOException {
    Path env = IdxFixtures.writeDataset(tmp.resolve("env"), 30, 10);
    Path explicit = IdxFixtures.writeDataset(tmp.resolve("explicit"), 20, 8);
    Files.delete(explicit.resolve("t10k-labels-idx1-ubyte.gz"));
    try (LocalServer server = new LocalServer(Map.of())) {
      assertThatThrownBy(
              () -> loader(Map.of("FASHION_MNIST_DIR", env.toString()), server).load(explicit))
          .isInstanceOf(DatasetNotFoundException.class)
          .hasMessageStartingWith(
              "FashionMNIST was not found. Looked in:\n"
                  + "  --data "
                  + explicit
                  + ": missing t10k-labels-idx1-ubyte.gz\n"
                  + "Nothing was downloaded: --data names the only directory to use.\n");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void offlineWithoutTheDataExplainsWhereItLookedAndHowToInstallIt() throws IOException {
    Path env = IdxFixtures.writeDataset(tmp.resolve("env"), 30, 10);
    Files.delete(env.resolve("t10k-labels-idx1-ubyte.gz"));
    try (LocalServer server = new LocalServer(Map.of())) {
      assertThatThrownBy(() -> loader(Map.of("FASHION_MNIST_DIR", env.toString()), server).load())
          .isInstanceOf(DatasetNotFoundException.class)
          .hasMessage(
              "FashionMNIST was not found. Looked in:\n"
                  + "  $FASHION_MNIST_DIR "
                  + env
                  + ": missing t10k-labels-idx1-ubyte.gz\n"
                  + "  "
                  + system()
                  + " (Debian package dataset-fashion-mnist): no such directory\n"
                  + "  "
                  + cache()
                  + " (download cache): no such directory\n"
                  + "Downloading it from "
                  + server.baseUri()
                  + " into "
                  + cache()
                  + " failed:"
                  + " java.io.IOException: "
                  + server.baseUri()
                  + "train-images-idx3-ubyte.gz"
                  + " answered HTTP 404 Not Found\n"
                  + "To install it, do one of:\n"
                  + "  apt-get install dataset-fashion-mnist\n"
                  + "  pass --data DIR, where DIR holds train-images-idx3-ubyte.gz,"
                  + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                  + " t10k-labels-idx1-ubyte.gz\n"
                  + "  set FASHION_MNIST_DIR=DIR")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void saysWhenTheDataDirectoryDoesNotExist() {
    try (LocalServer server = new LocalServer(Map.of())) {
      assertThatThrownBy(() -> loader(Map.of(), server).load(tmp.resolve("nowhere")))
          .isInstanceOf(DatasetNotFoundException.class)
          .hasMessageContaining("--data " + tmp.resolve("nowhere") + ": no such directory");
    }
  }
}
