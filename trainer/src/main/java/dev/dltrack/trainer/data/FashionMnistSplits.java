package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The study's three sets: training, validation held out from the official training set, and the
 * official test set.
 *
 * <p>The hold-out is a seeded permutation: the same seed gives the same split in every run and for
 * every initialization scheme, so schemes are compared on identical data. Both sets keep the
 * permutation's order, so the first {@code n} images of either (see {@link #limit}) are a random
 * sample of it rather than the start of the file.
 *
 * @param train images to train on
 * @param validation images held out from the official training set
 * @param test the official test set
 */
public record FashionMnistSplits(
    LabeledImages train, LabeledImages validation, LabeledImages test) {
  /** Images held out for validation by {@link #split(FashionMnistData, long)}. */
  public static final int VALIDATION_SIZE = 10_000;

  /** The study's split seed. */
  public static final long DEFAULT_SEED = 42;

  /** Checks that all three sets are present. */
  public FashionMnistSplits {
    requireNonNull(train, "train");
    requireNonNull(validation, "validation");
    requireNonNull(test, "test");
  }

  /** Holds out {@link #VALIDATION_SIZE} training images, chosen by {@code seed}. */
  public static FashionMnistSplits split(FashionMnistData data, long seed) {
    return split(data, VALIDATION_SIZE, seed);
  }

  /** Holds out {@code validationSize} training images, chosen by {@code seed}. */
  public static FashionMnistSplits split(FashionMnistData data, int validationSize, long seed) {
    requireNonNull(data, "data");
    int size = data.train().size();
    if (validationSize < 0 || validationSize > size) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "cannot hold out %d of %d training images: choose 0..%d",
              validationSize,
              size,
              size));
    }
    int[] order = new int[size];
    Arrays.setAll(order, i -> i);
    Permutations.shuffle(order, new SplittableRandom(seed));
    return new FashionMnistSplits(
        data.train().select(Arrays.copyOfRange(order, validationSize, size)),
        data.train().select(Arrays.copyOf(order, validationSize)),
        data.test());
  }

  /** The first images of each set, for fast tests and quick sweeps. */
  public FashionMnistSplits limit(int trainSize, int validationSize, int testSize) {
    return new FashionMnistSplits(
        train.first(trainSize), validation.first(validationSize), test.first(testSize));
  }
}
