package dev.dltrack.trainer.study;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Part {@code index} of {@code count} disjoint parts of a sweep, for batch schedulers that start
 * one job per part (a Kubernetes Indexed Job's {@code $JOB_COMPLETION_INDEX}, a SLURM array's
 * {@code $SLURM_ARRAY_TASK_ID} with {@code --array=0-N-1}).
 *
 * <p>The index is 0-based, as Kubernetes numbers completions: {@code 0/4 .. 3/4}. Run {@code k} of
 * the sweep's run list (schemes in the order given, seeds within each scheme) belongs to part
 * {@code k mod count}. The run list depends only on the options, so the same options give the same
 * parts on every machine, and dealing the runs out round-robin spreads each scheme's seeds (and the
 * slow and fast schemes) over the parts.
 */
public record Shard(int index, int count) {
  /** The whole sweep as one part. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    checkArgument(count >= 1, "shard count must be >= 1: %s", count);
    checkArgument(
        index >= 0 && index < count,
        "shard index must be in 0..%s (0-based, like $JOB_COMPLETION_INDEX): %s",
        count - 1,
        index);
  }

  /** Parses {@code i/n}, e.g. {@code 0/4}; the error names the bad text and the expected form. */
  public static Shard parse(String text) {
    requireNonNull(text, "text");
    String[] parts = text.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(invalid(text, "expected i/n"));
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(parts[0].strip());
      count = Integer.parseInt(parts[1].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(invalid(text, "i and n must be whole numbers"), e);
    }
    if (count < 1) {
      throw new IllegalArgumentException(invalid(text, "n must be at least 1"));
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          invalid(
              text,
              String.format(
                  Locale.ROOT,
                  "i is 0-based (as Kubernetes' $JOB_COMPLETION_INDEX): 0 to %d for n = %d",
                  count - 1,
                  count)));
    }
    return new Shard(index, count);
  }

  private static String invalid(String text, String why) {
    return "invalid --shard '"
        + text
        + "': "
        + why
        + " (--shard i/n runs part i of n, i from 0 to n-1)";
  }

  /** This part's elements of {@code all}: those at positions {@code index, index + count, ...}. */
  public <T> List<T> of(List<T> all) {
    List<T> mine = new ArrayList<>();
    for (int k = index; k < all.size(); k += count) {
      mine.add(all.get(k));
    }
    return mine;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
