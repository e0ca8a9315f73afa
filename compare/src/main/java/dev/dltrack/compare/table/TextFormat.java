package dev.dltrack.compare.table;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The comparison as plain text for an 80-column terminal. */
public final class TextFormat {
  private static final int WIDTH = TextTable.TERMINAL_WIDTH;
  private static final String INDENT = "  ";

  /** What the difference table holds: over it here, in Markdown and in the HTML report. */
  public static final String DIFFERENCES_EXPLAINED =
      "Each group's mean minus that of the group in vs (the best), with the 95% CI of the"
          + " difference; paired by seed where both groups ran the same seeds, else Welch's t test;"
          + " p two-sided, and Holm-adjusted over each metric's comparisons.";

  private TextFormat() {}

  static void write(ComparisonView view, PrintWriter out) {
    boolean first = true;
    if (view.showsRuns()) {
      out.print(TextTable.render(view.runs(), WIDTH));
      first = false;
    }
    if (view.showsGroups()) {
      if (!first) {
        out.println();
      }
      out.println("Seed groups: mean, sd and 95% CI (Student t) of final values over seeds");
      out.println();
      out.print(TextTable.render(view.groups(), WIDTH));
      first = false;
    }
    if (view.showsDifferences()) {
      if (!first) {
        out.println();
      }
      wrap("Differences between seed groups. " + DIFFERENCES_EXPLAINED).forEach(out::println);
      out.println();
      out.print(TextTable.render(view.differences(), WIDTH));
      first = false;
    }
    List<String> sentences = view.comparison().statements();
    if (!sentences.isEmpty() && !first) {
      out.println();
    }
    sentences.forEach(s -> wrap(s).forEach(out::println));
    out.flush();
  }

  /** {@code text} in lines of at most {@link #WIDTH}, continuation lines indented. */
  static List<String> wrap(String text) {
    List<String> lines = new ArrayList<>();
    String line = "";
    for (String word : text.split(" ")) {
      String longer = line.isBlank() ? line + word : line + " " + word;
      if (longer.length() <= WIDTH || line.isBlank()) {
        line = longer;
      } else {
        lines.add(line);
        line = INDENT + word;
      }
      // a word longer than a whole line (a long run name) is broken
      while (line.length() > WIDTH) {
        lines.add(line.substring(0, WIDTH));
        line = INDENT + line.substring(WIDTH);
      }
    }
    lines.add(line);
    return lines;
  }
}
