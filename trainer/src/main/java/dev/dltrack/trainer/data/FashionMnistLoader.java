package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import dev.dltrack.trainer.data.FashionMnistLocator.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds FashionMNIST, downloads it if no place has it, and reads it.
 *
 * <p>The search order is {@code $FASHION_MNIST_DIR}, {@code /usr/share/datasets/fashion-mnist}
 * (Debian package {@code dataset-fashion-mnist}), then the user cache ({@code
 * $XDG_CACHE_HOME/dltrack/fashion-mnist} or {@code ~/.cache/dltrack/fashion-mnist}); the first
 * directory holding all four files wins. If none does, the missing files are downloaded into the
 * cache. A directory given explicitly ({@code --data}) replaces the search: if it lacks a file the
 * load fails rather than quietly using another copy or the network.
 *
 * <p>Every byte is checked (see {@link IdxReader}). Files in the system directory and the cache
 * must be the official ones (SHA-256 of the decompressed content). Files in a directory the user
 * named ({@code --data}, {@code $FASHION_MNIST_DIR}) must be the official ones when their header
 * claims the official count (60,000 or 10,000); other counts are accepted as another dataset in the
 * same format, such as a small synthetic one for tests.
 */
public final class FashionMnistLoader {
  private final FashionMnistLocator locator;
  private final FashionMnistDownloader downloader;

  FashionMnistLoader(FashionMnistLocator locator, FashionMnistDownloader downloader) {
    this.locator = requireNonNull(locator, "locator");
    this.downloader = requireNonNull(downloader, "downloader");
  }

  /** A loader that searches this machine and downloads from the official server. */
  public static FashionMnistLoader standard() {
    return new FashionMnistLoader(
        FashionMnistLocator.ofThisMachine(), FashionMnistDownloader.official());
  }

  /**
   * Loads FashionMNIST from the first place that has it, downloading it into the cache if none
   * does.
   *
   * @throws DatasetNotFoundException if no place has it and the download failed
   * @throws CorruptDatasetException if the files found are damaged or not the official ones
   */
  public FashionMnistData load() throws IOException {
    return read(find());
  }

  /**
   * The directory {@link #load()} reads: the first place that holds every file, after downloading
   * them into the cache if none does (for a sweep that ships the files elsewhere).
   *
   * @throws DatasetNotFoundException if no place has it and the download failed
   */
  public Path locate() throws IOException {
    return find().dir();
  }

  private Location find() throws IOException {
    List<String> looked = new ArrayList<>();
    for (Location location : locator.searchPath()) {
      String problem = problem(location.dir());
      if (problem.isEmpty()) {
        return location;
      }
      looked.add(location.description() + ": " + problem);
    }
    Location cache = locator.cache();
    try {
      downloader.downloadMissing(cache.dir());
    } catch (IOException e) {
      throw notFound(
          looked,
          String.format(
              "Downloading it from %s into %s failed: %s", downloader.baseUri(), cache.dir(), e),
          e);
    }
    return cache;
  }

  /**
   * Loads FashionMNIST, or another dataset in its format, from {@code dataDir} alone.
   *
   * @throws DatasetNotFoundException if {@code dataDir} lacks one of the four files
   * @throws CorruptDatasetException if a file is damaged
   */
  public FashionMnistData load(Path dataDir) throws IOException {
    Location location = Location.explicit(requireNonNull(dataDir, "dataDir"));
    String problem = problem(dataDir);
    if (!problem.isEmpty()) {
      throw notFound(
          List.of(location.description() + ": " + problem),
          "Nothing was downloaded: --data names the only directory to use.",
          null);
    }
    return read(location);
  }

  private static FashionMnistData read(Location location) throws IOException {
    Path dir = location.dir();
    boolean official = location.holdsOnlyOfficialFiles();
    return new FashionMnistData(
        IdxReader.read(
            dir.resolve(FashionMnistFile.TRAIN_IMAGES.fileName()),
            FashionMnistFile.TRAIN_IMAGES,
            dir.resolve(FashionMnistFile.TRAIN_LABELS.fileName()),
            FashionMnistFile.TRAIN_LABELS,
            official),
        IdxReader.read(
            dir.resolve(FashionMnistFile.TEST_IMAGES.fileName()),
            FashionMnistFile.TEST_IMAGES,
            dir.resolve(FashionMnistFile.TEST_LABELS.fileName()),
            FashionMnistFile.TEST_LABELS,
            official));
  }

  /** Why {@code dir} cannot be loaded, or "" if it holds every file. */
  private static String problem(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir) ? "not a directory" : "no such directory";
    }
    String missing =
        Arrays.stream(FashionMnistFile.values())
            .map(FashionMnistFile::fileName)
            .filter(name -> !Files.isRegularFile(dir.resolve(name)))
            .collect(Collectors.joining(", "));
    return missing.isEmpty() ? "" : "missing " + missing;
  }

  private static DatasetNotFoundException notFound(
      List<String> looked, String download, Throwable cause) {
    String files =
        Arrays.stream(FashionMnistFile.values())
            .map(FashionMnistFile::fileName)
            .collect(Collectors.joining(", "));
    return new DatasetNotFoundException(
        "FashionMNIST was not found. Looked in:\n  "
            + String.join("\n  ", looked)
            + "\n"
            + download
            + "\n"
            + "To install it, do one of:\n"
            + "  apt-get install dataset-fashion-mnist\n"
            + "  pass --data DIR, where DIR holds "
            + files
            + "\n"
            + "  set "
            + FashionMnistLocator.ENV_VAR
            + "=DIR",
        cause);
  }
}
