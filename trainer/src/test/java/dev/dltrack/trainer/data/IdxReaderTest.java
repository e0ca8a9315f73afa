package dev.dltrack.trainer.data;

import static dev.dltrack.trainer.data.IdxFixtures.gzip;
import static dev.dltrack.trainer.data.IdxFixtures.imagesIdx;
import static dev.dltrack.trainer.data.IdxFixtures.labelsIdx;
import static dev.dltrack.trainer.data.IdxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {
  private static final int COUNT = 30;

  @TempDir Path dir;

  private LabeledImages readSynthetic() throws IOException {
    return IdxReader.read(
        write(dir.resolve("images.gz"), gzip(imagesIdx(COUNT))),
        FashionMnistFile.TRAIN_IMAGES,
        write(dir.resolve("labels.gz"), gzip(labelsIdx(COUNT, 3))),
        FashionMnistFile.TRAIN_LABELS,
        false);
  }

  @Test
  void readsEveryImageAndLabelOfTheFiles() throws IOException {
    LabeledImages images = readSynthetic();

    assertThat(images.size()).isEqualTo(COUNT);
    for (int i = 0; i < COUNT; i++) {
      assertThat(IdxFixtures.id(images, i)).isEqualTo(i);
      assertThat(images.label(i)).isEqualTo((i + 3) % 10);
    }
  }

  @Test
  void scalesPixelsToTheUnitIntervalByDividingBy255() throws IOException {
    LabeledImages images = readSynthetic();

    for (int p = 0; p < LabeledImages.PIXELS; p++) {
      assertThat(images.pixel(7, p)).isEqualTo(IdxFixtures.pixel(7, p) / 255f);
    }
    assertThat(images.pixel(0, 0)).isZero();
    assertThat(images.pixel(0, 255)).isEqualTo(1f);
  }

  @Test
  void featuresAreFlattenedFloatRowsInTheUnitInterval() throws IOException {
    LabeledImages images = readSynthetic();

    INDArray features = images.features();

    assertThat(features.dataType()).isEqualTo(DataType.FLOAT);
    assertThat(features.shape()).containsExactly(COUNT, LabeledImages.PIXELS);
    // every pixel: all 256 levels, across the boundary of features()' chunks
    float[] values = features.data().asFloat();
    for (int i = 0; i < COUNT; i++) {
      for (int p = 0; p < LabeledImages.PIXELS; p++) {
        assertThat(values[i * LabeledImages.PIXELS + p]).isEqualTo(images.pixel(i, p));
      }
    }
    assertThat(features.minNumber().floatValue()).isGreaterThanOrEqualTo(0f);
    assertThat(features.maxNumber().floatValue()).isLessThanOrEqualTo(1f);
  }

  @Test
  void labelsAreOneHotRowsOfTenClasses() throws IOException {
    LabeledImages images = readSynthetic();

    INDArray labels = images.labels();

    assertThat(labels.dataType()).isEqualTo(DataType.FLOAT);
    assertThat(labels.shape()).containsExactly(COUNT, LabeledImages.CLASSES);
    for (int i = 0; i < COUNT; i++) {
      for (int c = 0; c < LabeledImages.CLASSES; c++) {
        assertThat(labels.getFloat(i, c)).isEqualTo(c == images.label(i) ? 1f : 0f);
      }
    }
  }

  @Test
  void firstKeepsTheLeadingImagesInOrder() throws IOException {
    LabeledImages first = readSynthetic().first(5);

    assertThat(first.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(IdxFixtures.id(first, i)).isEqualTo(i);
    }
  }
}
