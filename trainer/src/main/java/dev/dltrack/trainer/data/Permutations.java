package dev.dltrack.trainer.data;

import java.util.SplittableRandom;

/** Seeded shuffling, shared by the hold-out split and the iterator's per-epoch order. */
final class Permutations {
  private Permutations() {}

  /** Shuffles {@code order} in place, uniformly (Fisher-Yates), drawing from {@code random}. */
  static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
