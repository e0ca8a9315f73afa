package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads the FashionMNIST files a directory lacks, with a progress bar on the console.
 *
 * <p>Each file goes to a temporary file in the target directory and is renamed to its final name
 * only after its decompressed content matched the expected SHA-256, so the directory never holds a
 * partial or wrong file under a dataset file's name.
 */
final class FashionMnistDownloader {
  static final URI OFFICIAL_BASE_URI =
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
  private static final int CONNECT_TIMEOUT_MILLIS = 15_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  private final URI baseUri;
  private final Map<FashionMnistFile, String> sha256;

  /**
   * @param baseUri the directory the files are under, ending in {@code /}; {@code http:}, {@code
   *     https:} and {@code file:} work
   * @param sha256 for every file, the SHA-256 its decompressed content must have
   */
  FashionMnistDownloader(URI baseUri, Map<FashionMnistFile, String> sha256) {
    requireNonNull(baseUri, "baseUri");
    if (baseUri.getPath() == null || !baseUri.getPath().endsWith("/")) {
      throw new IllegalArgumentException(
          "base URI must end with '/' so that file names resolve under it: " + baseUri);
    }
    if (!sha256.keySet().containsAll(Arrays.asList(FashionMnistFile.values()))) {
      throw new IllegalArgumentException("need a checksum for every file, got " + sha256.keySet());
    }
    this.baseUri = baseUri;
    this.sha256 = new EnumMap<>(sha256);
  }

  /** The official server, and the official files' checksums. */
  static FashionMnistDownloader official() {
    return officialFilesFrom(OFFICIAL_BASE_URI);
  }

  /** The official files' checksums, from another server (a mirror, or a test's). */
  static FashionMnistDownloader officialFilesFrom(URI baseUri) {
    return new FashionMnistDownloader(
        baseUri,
        Arrays.stream(FashionMnistFile.values())
            .collect(Collectors.toMap(Function.identity(), FashionMnistFile::sha256)));
  }

  URI baseUri() {
    return baseUri;
  }

  /** Downloads into {@code dir}, creating it, each file it does not hold yet. */
  void downloadMissing(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (FashionMnistFile file : FashionMnistFile.values()) {
      Path target = dir.resolve(file.fileName());
      if (!Files.exists(target)) {
        download(file, target);
      }
    }
  }

  private void download(FashionMnistFile file, Path target) throws IOException {
    URI uri = baseUri.resolve(file.fileName());
    Path part = Files.createTempFile(target.getParent(), file.fileName() + ".", ".part");
    try {
      fetch(uri, part, file.fileName());
      String actual;
      try {
        actual = Checksums.gunzippedSha256(part);
      } catch (ZipException e) {
        throw new IOException(
            uri + " is not a valid gzip file (" + e.getMessage() + "); nothing was saved", e);
      }
      if (!actual.equals(sha256.get(file))) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s is not the expected %s: its decompressed content has SHA-256 %s, expected %s;"
                    + " nothing was saved",
                uri,
                file.fileName(),
                actual,
                sha256.get(file)));
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static void fetch(URI uri, Path target, String taskName) throws IOException {
    URLConnection connection = uri.toURL().openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    try {
      if (connection instanceof HttpURLConnection http
          && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s answered HTTP %d %s",
                uri,
                http.getResponseCode(),
                http.getResponseMessage()));
      }
      ProgressBarBuilder progress =
          new ProgressBarBuilder()
              .setTaskName(taskName)
              .setInitialMax(connection.getContentLengthLong())
              .setUnit("MiB", 1 << 20)
              .showSpeed();
      try (InputStream in = ProgressBar.wrap(connection.getInputStream(), progress)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      if (connection instanceof HttpURLConnection http) {
        http.disconnect();
      }
    }
  }
}
