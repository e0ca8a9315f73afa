package dev.dltrack.trainer.data;

/**
 * The four files of the official FashionMNIST distribution, with what the genuine ones contain.
 *
 * <p>The checksums are SHA-256 of the <em>decompressed</em> IDX content: Debian's {@code
 * dataset-fashion-mnist} re-gzips the files, so checksums of the {@code .gz} bytes differ between
 * sources while the data is the same.
 */
enum FashionMnistFile {
  TRAIN_IMAGES(
      "train-images-idx3-ubyte",
      60_000,
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
  TRAIN_LABELS(
      "train-labels-idx1-ubyte",
      60_000,
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
  TEST_IMAGES(
      "t10k-images-idx3-ubyte",
      10_000,
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
  TEST_LABELS(
      "t10k-labels-idx1-ubyte",
      10_000,
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  private final String baseName;
  private final int officialCount;
  private final String sha256;

  FashionMnistFile(String baseName, int officialCount, String sha256) {
    this.baseName = baseName;
    this.officialCount = officialCount;
    this.sha256 = sha256;
  }

  /** The name on disk and on the download server, e.g. {@code train-images-idx3-ubyte.gz}. */
  String fileName() {
    return baseName + ".gz";
  }

  /** How many images or labels the official file holds. */
  int officialCount() {
    return officialCount;
  }

  /** Lower-case hex SHA-256 of the official file's decompressed content. */
  String sha256() {
    return sha256;
  }

  boolean isImages() {
    return this == TRAIN_IMAGES || this == TEST_IMAGES;
  }
}
