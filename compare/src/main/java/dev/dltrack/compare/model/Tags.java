package dev.dltrack.compare.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which training-set tag a validation tag is measured against: {@code train/loss} for {@code
 * val/loss}. Used for the train/validation gap and to put the two charts side by side.
 */
public final class Tags {
  private static final Set<String> VALIDATION_SEGMENTS = Set.of("val", "valid", "validation");
  private static final List<String> TRAINING_SEGMENTS = List.of("train", "training");

  private Tags() {}

  /**
   * The first of {@code tag}'s training counterparts that {@code available} holds; empty when
   * {@code tag} is not a validation tag or none of its counterparts was logged.
   */
  public static Optional<String> trainCounterpart(String tag, Collection<String> available) {
    return trainCandidates(tag).stream().filter(available::contains).findFirst();
  }

  /**
   * The tags a validation tag's training counterpart may have, most likely first: a path segment
   * {@code val}, {@code valid} or {@code validation} becomes {@code train} or {@code training}
   * ({@code val/loss} → {@code train/loss}); Keras' {@code val_loss} becomes {@code loss} or {@code
   * train_loss}. Empty for a tag that is not a validation tag.
   */
  static List<String> trainCandidates(String tag) {
    List<String> candidates = new ArrayList<>();
    String[] segments = tag.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (VALIDATION_SEGMENTS.contains(segments[i].toLowerCase(Locale.ROOT))) {
        for (String train : TRAINING_SEGMENTS) {
          String[] copy = segments.clone();
          copy[i] = train;
          candidates.add(String.join("/", copy));
        }
        return candidates;
      }
    }
    if (tag.startsWith("val_") && tag.length() > 4) {
      candidates.add(tag.substring(4));
      candidates.add("train_" + tag.substring(4));
    }
    return candidates;
  }
}
