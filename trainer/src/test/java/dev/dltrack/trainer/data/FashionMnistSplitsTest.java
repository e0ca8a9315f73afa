package dev.dltrack.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FashionMnistSplitsTest {
  private static final FashionMnistData DATA =
      new FashionMnistData(IdxFixtures.images(300, 0), IdxFixtures.images(40, 1));

  private static Set<Integer> ids(LabeledImages images) {
    Set<Integer> ids = new HashSet<>();
    IntStream.range(0, images.size()).forEach(i -> ids.add(IdxFixtures.id(images, i)));
    return ids;
  }

  @Test
  void holdsOutTheRequestedNumberOfTrainingImages() {
    FashionMnistSplits splits = FashionMnistSplits.split(DATA, 50, 42);

    assertThat(splits.train().size()).isEqualTo(250);
    assertThat(splits.validation().size()).isEqualTo(50);
  }

  @Test
  void trainingAndValidationAreDisjointAndTogetherTheOfficialTrainingSet() {
    FashionMnistSplits splits = FashionMnistSplits.split(DATA, 50, 42);

    Set<Integer> train = ids(splits.train());
    Set<Integer> validation = ids(splits.validation());
    assertThat(train).hasSize(250).doesNotContainAnyElementsOf(validation);
    assertThat(validation).hasSize(50);
    Set<Integer> all = new HashSet<>(train);
    all.addAll(validation);
    assertThat(all).isEqualTo(ids(DATA.train()));
  }

  @Test
  void keepsEachImageWithItsLabel() {
    FashionMnistSplits splits = FashionMnistSplits.split(DATA, 50, 42);

    for (int i = 0; i < splits.validation().size(); i++) {
      assertThat(splits.validation().label(i))
          .isEqualTo(DATA.train().label(IdxFixtures.id(splits.validation(), i)));
    }
  }

  @Test
  void theSameSeedGivesTheSameSplit() {
    assertThat(FashionMnistSplits.split(DATA, 50, 42))
        .isEqualTo(FashionMnistSplits.split(DATA, 50, 42));
  }

  @Test
  void anotherSeedGivesAnotherSplit() {
    assertThat(ids(FashionMnistSplits.split(DATA, 50, 7).validation()))
        .isNotEqualTo(ids(FashionMnistSplits.split(DATA, 50, 42).validation()));
  }

  @Test
  void validationIsARandomSampleNotTheStartOfTheFile() {
    assertThat(ids(FashionMnistSplits.split(DATA, 50, 42).validation()))
        .isNotEqualTo(ids(DATA.train().first(50)));
  }

  @Test
  void leavesTheOfficialTestSetAsItIs() {
    assertThat(FashionMnistSplits.split(DATA, 50, 42).test()).isSameAs(DATA.test());
  }

  @Test
  void limitTakesTheFirstImagesOfEachSet() {
    FashionMnistSplits splits = FashionMnistSplits.split(DATA, 50, 42);

    FashionMnistSplits small = splits.limit(20, 10, 5);

    assertThat(small.train()).isEqualTo(splits.train().first(20));
    assertThat(small.validation()).isEqualTo(splits.validation().first(10));
    assertThat(small.test()).isEqualTo(DATA.test().first(5));
  }

  @Test
  void refusesToHoldOutMoreThanThereIs() {
    assertThatThrownBy(() -> FashionMnistSplits.split(DATA, 301, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot hold out 301 of 300 training images: choose 0..300");
  }

  @Test
  void refusesToLimitToMoreThanThereIs() {
    FashionMnistSplits splits = FashionMnistSplits.split(DATA, 50, 42);

    assertThatThrownBy(() -> splits.limit(251, 10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot take the first 251 of 250 images: ask for 0..250");
  }
}
