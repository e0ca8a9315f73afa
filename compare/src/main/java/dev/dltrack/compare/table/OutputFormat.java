package dev.dltrack.compare.table;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** The formats {@code dltrack compare} writes. */
public enum OutputFormat {
  /** Aligned columns for an 80-column terminal. */
  TEXT(TextFormat::write),
  /** GitHub-flavoured Markdown tables. */
  MARKDOWN(MarkdownFormat::write),
  /** One table as RFC 4180 CSV: the runs, or the groups alone; values exact. */
  CSV(CsvFormat::write),
  /** Everything, structured; values exact, NaN and infinities as strings. */
  JSON(JsonFormat::write);

  @SuppressWarnings("ImmutableEnumChecker") // static method references: they hold no state
  private final BiConsumer<ComparisonView, PrintWriter> writer;

  OutputFormat(BiConsumer<ComparisonView, PrintWriter> writer) {
    this.writer = writer;
  }

  /** The format named {@code name}, in any case; throws naming the formats there are. */
  public static OutputFormat parse(String name) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; use one of: " + names());
  }

  /** The formats' names, as {@code --format} takes them. */
  private static String names() {
    return Arrays.stream(values()).map(OutputFormat::toString).collect(Collectors.joining(", "));
  }

  /** Writes {@code view} to {@code out}. */
  public void write(ComparisonView view, PrintWriter out) {
    writer.accept(view, out);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
