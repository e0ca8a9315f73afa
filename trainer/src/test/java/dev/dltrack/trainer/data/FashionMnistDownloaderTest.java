package dev.dltrack.trainer.data;

import static dev.dltrack.trainer.data.IdxFixtures.gzip;
import static dev.dltrack.trainer.data.IdxFixtures.imagesIdx;
import static dev.dltrack.trainer.data.IdxFixtures.labelsIdx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDownloaderTest {
  private static final Map<FashionMnistFile, byte[]> CONTENT =
      new EnumMap<>(
          Map.of(
              FashionMnistFile.TRAIN_IMAGES, imagesIdx(30),
              FashionMnistFile.TRAIN_LABELS, labelsIdx(30, 0),
              FashionMnistFile.TEST_IMAGES, imagesIdx(10),
              FashionMnistFile.TEST_LABELS, labelsIdx(10, 1)));

  @TempDir Path tmp;

  private static Map<String, byte[]> served() {
    Map<String, byte[]> files = new HashMap<>();
    CONTENT.forEach((file, content) -> files.put(file.fileName(), gzip(content)));
    return files;
  }

  private static Map<FashionMnistFile, String> checksums() {
    Map<FashionMnistFile, String> sha256 = new EnumMap<>(FashionMnistFile.class);
    CONTENT.forEach((file, content) -> sha256.put(file, sha256(content)));
    return sha256;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String[] list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void downloadsEveryFileIntoANewDirectoryWhenTheChecksumsMatch() throws IOException {
    Path cache = tmp.resolve("cache/dltrack/fashion-mnist");
    Map<String, byte[]> served = served();
    try (LocalServer server = new LocalServer(served)) {
      new FashionMnistDownloader(server.baseUri(), checksums()).downloadMissing(cache);
    }

    assertThat(list(cache))
        .containsExactly(
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz");
    for (Map.Entry<String, byte[]> file : served.entrySet()) {
      assertThat(cache.resolve(file.getKey())).hasBinaryContent(file.getValue());
    }
  }

  @Test
  void downloadsOnlyTheFilesTheDirectoryLacks() throws IOException {
    Map<String, byte[]> served = served();
    IdxFixtures.write(
        tmp.resolve("train-images-idx3-ubyte.gz"), served.get("train-images-idx3-ubyte.gz"));
    IdxFixtures.write(
        tmp.resolve("t10k-labels-idx1-ubyte.gz"), served.get("t10k-labels-idx1-ubyte.gz"));
    try (LocalServer server = new LocalServer(served)) {
      new FashionMnistDownloader(server.baseUri(), checksums()).downloadMissing(tmp);

      assertThat(server.requests())
          .containsExactly("train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz");
    }
  }

  @Test
  void savesNothingWhenAChecksumDoesNotMatch() throws IOException {
    Map<FashionMnistFile, String> checksums = checksums();
    checksums.put(FashionMnistFile.TRAIN_IMAGES, "0".repeat(64));
    try (LocalServer server = new LocalServer(served())) {
      FashionMnistDownloader downloader = new FashionMnistDownloader(server.baseUri(), checksums);

      assertThatThrownBy(() -> downloader.downloadMissing(tmp))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "%strain-images-idx3-ubyte.gz is not the expected train-images-idx3-ubyte.gz:"
                  + " its decompressed content has SHA-256 %s, expected %s; nothing was saved",
              server.baseUri(), sha256(CONTENT.get(FashionMnistFile.TRAIN_IMAGES)), "0".repeat(64));
    }
    assertThat(list(tmp)).isEmpty();
  }

  @Test
  void savesNothingWhenTheServerSendsSomethingThatIsNotGzip() throws IOException {
    Map<String, byte[]> served = served();
    served.put("train-images-idx3-ubyte.gz", imagesIdx(30));
    try (LocalServer server = new LocalServer(served)) {
      FashionMnistDownloader downloader = new FashionMnistDownloader(server.baseUri(), checksums());

      assertThatThrownBy(() -> downloader.downloadMissing(tmp))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "%strain-images-idx3-ubyte.gz is not a valid gzip file (Not in GZIP"
                  + " format); nothing was saved",
              server.baseUri());
    }
    assertThat(list(tmp)).isEmpty();
  }

  @Test
  void reportsAnHttpErrorWithTheAddress() {
    try (LocalServer server = new LocalServer(Map.of())) {
      FashionMnistDownloader downloader = new FashionMnistDownloader(server.baseUri(), checksums());

      assertThatThrownBy(() -> downloader.downloadMissing(tmp))
          .isInstanceOf(IOException.class)
          .hasMessage("%strain-images-idx3-ubyte.gz answered HTTP 404 Not Found", server.baseUri());
    }
  }

  @Test
  void downloadsFromAFileUri() throws IOException {
    Path source = tmp.resolve("source");
    served().forEach((name, bytes) -> IdxFixtures.write(source.resolve(name), bytes));
    Path target = tmp.resolve("target");

    new FashionMnistDownloader(source.toUri(), checksums()).downloadMissing(target);

    assertThat(list(target)).hasSize(4);
  }

  @Test
  void refusesABaseUriThatFileNamesWouldNotResolveUnder() {
    assertThatThrownBy(
            () -> new FashionMnistDownloader(URI.create("http://localhost/fm"), checksums()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "base URI must end with '/' so that file names resolve under it:"
                + " http://localhost/fm");
  }

  @Test
  void theOfficialDownloaderUsesTheOfficialServer() {
    assertThat(FashionMnistDownloader.official().baseUri())
        .hasToString("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
  }
}
