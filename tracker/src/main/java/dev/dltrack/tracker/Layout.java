package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A layout for TensorBoard's Custom Scalars dashboard: categories of charts, each chart either
 * several tags in one plot ({@link Multiline}, tags chosen by regular expressions as TensorBoard
 * matches them) or a value with a band between a lower and an upper bound ({@link Margin}).
 *
 * <pre>{@code
 * run.layout(Layout.builder()
 *     .category("loss", Layout.multiline("train vs validation", "train/loss$", "val/loss$"))
 *     .category("accuracy",
 *         Layout.multiline("train vs validation", "train/accuracy$", "val/accuracy$"),
 *         Layout.margin("validation, 95% interval",
 *             new Layout.MarginSeries("val/accuracy", "val/accuracy_lo", "val/accuracy_hi")))
 *     .build());
 * }</pre>
 *
 * <p>TensorBoard merges the layouts of every run (categories of one title share their charts), so
 * each run may declare the same layout. W&amp;B's files have no counterpart.
 */
public record Layout(List<Category> categories) {
  public Layout {
    requireNonNull(categories, "categories");
    checkArgument(!categories.isEmpty(), "a layout needs at least one category");
    categories = List.copyOf(categories);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A chart of every scalar tag matching any of {@code tagRegexes}. */
  public static Multiline multiline(String title, String... tagRegexes) {
    return new Multiline(title, List.of(tagRegexes));
  }

  /** A chart of values with bands between their lower and upper bound tags. */
  public static Margin margin(String title, MarginSeries... series) {
    return new Margin(title, List.of(series));
  }

  /** A titled group of charts; {@code closed} categories start folded in TensorBoard. */
  public record Category(String title, List<Chart> charts, boolean closed) {
    public Category {
      checkTitle(title, "category");
      requireNonNull(charts, "charts");
      checkArgument(!charts.isEmpty(), "layout category '%s' has no charts", title);
      charts = List.copyOf(charts);
    }
  }

  /** One chart of a category. */
  public sealed interface Chart permits Multiline, Margin {
    String title();
  }

  /**
   * Every scalar tag that matches one of {@code tagRegexes} ({@code re.search}, as TensorBoard
   * matches them), one line per run and tag.
   */
  public record Multiline(String title, List<String> tagRegexes) implements Chart {
    public Multiline {
      checkTitle(title, "chart");
      requireNonNull(tagRegexes, "tagRegexes");
      checkArgument(!tagRegexes.isEmpty(), "layout chart '%s' has no tag patterns", title);
      tagRegexes = List.copyOf(tagRegexes);
      for (String regex : tagRegexes) {
        checkRegex(title, regex);
      }
    }
  }

  /** A line of {@code value} with a band from {@code lower} to {@code upper}: three scalar tags. */
  public record MarginSeries(String value, String lower, String upper) {
    public MarginSeries {
      checkTitle(value, "margin value tag");
      checkTitle(lower, "margin lower tag");
      checkTitle(upper, "margin upper tag");
    }
  }

  /** A chart of {@link MarginSeries}. */
  public record Margin(String title, List<MarginSeries> series) implements Chart {
    public Margin {
      checkTitle(title, "chart");
      requireNonNull(series, "series");
      checkArgument(!series.isEmpty(), "margin chart '%s' has no series", title);
      series = List.copyOf(series);
    }
  }

  /** Collects categories in order. */
  public static final class Builder {
    private final List<Category> categories = new ArrayList<>();

    private Builder() {}

    /** Adds an open category of {@code charts}. */
    public Builder category(String title, Chart... charts) {
      categories.add(new Category(title, List.of(charts), false));
      return this;
    }

    /** Adds a category. */
    public Builder category(Category category) {
      categories.add(requireNonNull(category, "category"));
      return this;
    }

    public Layout build() {
      return new Layout(categories);
    }
  }

  private static void checkTitle(String s, String what) {
    checkArgument(s != null && !s.isBlank(), "layout %s must not be blank: '%s'", what, s);
  }

  private static void checkRegex(String chart, String regex) {
    checkArgument(
        regex != null && !regex.isEmpty(), "layout chart '%s' has an empty tag pattern", chart);
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "layout chart '"
              + chart
              + "': tag pattern '"
              + regex
              + "' is not a regular expression: "
              + e.getDescription(),
          e);
    }
  }
}
