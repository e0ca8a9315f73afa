package dev.dltrack.trainer.data;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * FashionMNIST as distributed: the official training and test sets. Hold out a validation set with
 * {@link FashionMnistSplits#split(FashionMnistData, long)}.
 *
 * @param train the official training set (60,000 images)
 * @param test the official test set (10,000 images)
 */
public record FashionMnistData(LabeledImages train, LabeledImages test) {
  /** The classes' names, indexed by label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Checks that both sets are present. */
  public FashionMnistData {
    requireNonNull(train, "train");
    requireNonNull(test, "test");
  }
}
