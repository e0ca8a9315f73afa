package dev.dltrack.trainer.study;

import dev.dltrack.trainer.data.FashionMnistData;
import dev.dltrack.trainer.data.FashionMnistSplits;

/** The study's splits of a FashionMNIST-format data set, the same wherever a run is trained. */
public final class StudyData {
  private StudyData() {}

  /**
   * Holds out the study's validation set (10,000 of the 60,000 training images; a sixth of a
   * smaller set) with the fixed seed, then keeps the first {@code subset} training images and
   * {@code subset / 5} validation and test images when {@code subset} is not null.
   */
  public static FashionMnistSplits splits(FashionMnistData all, Integer subset) {
    int validation = Math.min(FashionMnistSplits.VALIDATION_SIZE, all.train().size() / 6);
    FashionMnistSplits data =
        FashionMnistSplits.split(all, validation, FashionMnistSplits.DEFAULT_SEED);
    if (subset != null) {
      data = data.limit(subset, Math.max(1, subset / 5), Math.max(1, subset / 5));
    }
    return data;
  }
}
