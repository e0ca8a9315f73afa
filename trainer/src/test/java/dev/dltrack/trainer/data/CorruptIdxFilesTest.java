package dev.dltrack.trainer.data;

import static dev.dltrack.trainer.data.IdxFixtures.gzip;
import static dev.dltrack.trainer.data.IdxFixtures.imagesIdx;
import static dev.dltrack.trainer.data.IdxFixtures.labelsIdx;
import static dev.dltrack.trainer.data.IdxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be wrong gives an error naming the file and the problem. */
class CorruptIdxFilesTest {
  private static final int COUNT = 30;

  @TempDir Path dir;

  private Path goodImages() {
    return write(dir.resolve("images.gz"), gzip(imagesIdx(COUNT)));
  }

  private Path goodLabels() {
    return write(dir.resolve("labels.gz"), gzip(labelsIdx(COUNT, 0)));
  }

  private static AbstractThrowableAssert<?, ?> assertReadFails(
      Path images, Path labels, boolean requireOfficial, Path badFile) {
    return assertThatThrownBy(
            () ->
                IdxReader.read(
                    images,
                    FashionMnistFile.TRAIN_IMAGES,
                    labels,
                    FashionMnistFile.TRAIN_LABELS,
                    requireOfficial))
        .isInstanceOfSatisfying(
            CorruptDatasetException.class, e -> assertThat(e.file()).isEqualTo(badFile))
        .hasMessageStartingWith(badFile + ": ");
  }

  private void assertImagesFileFails(byte[] gzBytes, String problem) {
    Path images = write(dir.resolve("images.gz"), gzBytes);
    assertReadFails(images, goodLabels(), false, images).hasMessageContaining(problem);
  }

  @Test
  void rejectsAFileThatIsNotGzip() {
    assertImagesFileFails(imagesIdx(COUNT), "is not a complete gzip file (Not in GZIP format)");
  }

  @Test
  void rejectsATruncatedGzipFile() {
    byte[] gz = gzip(imagesIdx(COUNT));
    assertImagesFileFails(Arrays.copyOf(gz, gz.length / 2), "is not a complete gzip file");
  }

  @Test
  void rejectsAGzipFileWhoseChecksumDoesNotMatchItsContent() {
    byte[] gz = gzip(imagesIdx(COUNT));
    gz[gz.length - 8] ^= 1; // the CRC-32 of the trailer

    assertImagesFileFails(gz, "is not a complete gzip file (Corrupt GZIP trailer)");
  }

  @Test
  void rejectsAFileWithTheWrongMagicNumber() {
    assertImagesFileFails(
        gzip(labelsIdx(COUNT, 0)),
        "is not an IDX images file: it must start with magic number 0x00000803, found 0x00000801");
  }

  @Test
  void rejectsAFileTooShortForAMagicNumber() {
    assertImagesFileFails(
        gzip(new byte[] {0, 0}), "is not an IDX file: its content is only 2 bytes long");
  }

  @Test
  void rejectsAFileTruncatedInsideItsHeader() {
    assertImagesFileFails(
        gzip(Arrays.copyOf(imagesIdx(COUNT), 10)), "is truncated inside its IDX header");
  }

  @Test
  void rejectsTruncatedPixelData() {
    int bytes = COUNT * LabeledImages.PIXELS - 100;
    assertImagesFileFails(
        gzip(imagesIdx(COUNT, 28, 28, bytes)),
        "is truncated: the header announces 30 items (23520 bytes) but only 23420 bytes follow");
  }

  @Test
  void rejectsDataBeyondWhatTheHeaderAnnounces() {
    assertImagesFileFails(
        gzip(imagesIdx(COUNT - 1, 28, 28, COUNT * LabeledImages.PIXELS)),
        "has data after the 29 items its header announces");
  }

  @Test
  void rejectsImagesThatAreNot28By28() {
    assertImagesFileFails(
        gzip(imagesIdx(COUNT, 32, 32, COUNT * 32 * 32)),
        "holds 32x32 images; FashionMNIST images are 28x28");
  }

  @Test
  void rejectsANegativeCount() {
    assertImagesFileFails(
        gzip(imagesIdx(-1, 28, 28, 0)), "header announces an impossible count -1");
  }

  @Test
  void rejectsLabelsThatDoNotMatchTheImagesInNumber() {
    Path labels = write(dir.resolve("labels.gz"), gzip(labelsIdx(COUNT - 1, 0)));

    assertReadFails(goodImages(), labels, false, labels)
        .hasMessageContaining("holds 29 labels but images.gz holds 30 images");
  }

  @Test
  void rejectsALabelOutsideTheTenClasses() {
    byte[] idx = labelsIdx(COUNT, 0);
    idx[8 + 12] = 10;
    Path labels = write(dir.resolve("labels.gz"), gzip(idx));

    assertReadFails(goodImages(), labels, false, labels)
        .hasMessageContaining("label 10 of image 12 is outside 0..9");
  }

  @Test
  void rejectsAFileWithTheOfficialCountButOtherContent() {
    // 60,000 labels claim to be the official training labels, but are not.
    int official = FashionMnistFile.TRAIN_LABELS.officialCount();
    Path labels = write(dir.resolve("labels.gz"), gzip(labelsIdx(official, 0)));

    assertReadFails(goodImages(), labels, false, labels)
        .hasMessageContaining("is not the official FashionMNIST train-labels-idx1-ubyte.gz")
        .hasMessageContaining(FashionMnistFile.TRAIN_LABELS.sha256())
        .hasMessageContaining("apt-get install --reinstall dataset-fashion-mnist");
  }

  @Test
  void rejectsAnyOtherFileWhereOnlyOfficialFilesBelong() {
    Path images = goodImages();

    assertReadFails(images, goodLabels(), true, images)
        .hasMessageContaining("is not the official FashionMNIST train-images-idx3-ubyte.gz");
  }
}
