package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** A scalar tag to compare runs by, and whether higher or lower values of it are better. */
public record MetricSpec(String tag, Goal goal) {
  /** The metrics a comparison uses unless told otherwise: what the study's trainer logs. */
  public static final List<MetricSpec> DEFAULTS =
      List.of(of("val/accuracy"), of("val/loss"), of("test/accuracy"));

  public MetricSpec {
    requireNonNull(tag, "tag");
    requireNonNull(goal, "goal");
    checkArgument(!tag.isBlank(), "metric tag must not be blank: '%s'", tag);
  }

  /** {@code tag} with the goal its name implies (see {@link Goal#forTag}). */
  public static MetricSpec of(String tag) {
    return new MetricSpec(tag, Goal.forTag(tag));
  }

  /**
   * Parses {@code TAG}, {@code TAG:max} or {@code TAG:min}; without a suffix the goal comes from
   * the tag's name. Any other text after a colon is part of the tag.
   */
  public static MetricSpec parse(String text) {
    requireNonNull(text, "text");
    int colon = text.lastIndexOf(':');
    if (colon >= 0) {
      String suffix = text.substring(colon + 1).toLowerCase(Locale.ROOT);
      String tag = text.substring(0, colon);
      if (suffix.equals("max") || suffix.equals("min")) {
        checkArgument(
            !tag.isBlank(),
            "metric tag must not be blank: '%s' (write TAG or TAG:%s)",
            text,
            suffix);
        return new MetricSpec(tag, Goal.valueOf(suffix.toUpperCase(Locale.ROOT)));
      }
    }
    checkArgument(!text.isBlank(), "metric tag must not be blank: '%s'", text);
    return of(text);
  }
}
