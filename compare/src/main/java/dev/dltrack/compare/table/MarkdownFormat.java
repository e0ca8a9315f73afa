package dev.dltrack.compare.table;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The comparison as Markdown: GitHub-flavoured tables, then the statements as a list. */
final class MarkdownFormat {
  /** ASCII punctuation Markdown could read as markup or HTML; CommonMark lets \ escape each. */
  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|#!~&]");

  private MarkdownFormat() {}

  static void write(ComparisonView view, PrintWriter out) {
    boolean first = true;
    if (view.showsRuns()) {
      out.println("## Runs");
      out.println();
      table(view.runs(), out);
      first = false;
    }
    if (view.showsGroups()) {
      if (!first) {
        out.println();
      }
      first = false;
      out.println("## Seed groups");
      out.println();
      out.println("Mean, sample standard deviation and 95% confidence interval (Student t) of the");
      out.println("final values over the runs of each group.");
      out.println();
      table(view.groups(), out);
    }
    if (view.showsDifferences()) {
      if (!first) {
        out.println();
      }
      out.println("## Differences between groups");
      out.println();
      out.println(escape(TextFormat.DIFFERENCES_EXPLAINED));
      out.println();
      table(view.differences(), out);
    }
    List<String> statements = view.comparison().statements();
    if (!statements.isEmpty()) {
      out.println();
    }
    statements.forEach(s -> out.println("- " + escape(s)));
    out.flush();
  }

  private static <R> void table(Table<R> table, PrintWriter out) {
    StringBuilder head = new StringBuilder("|");
    StringBuilder rule = new StringBuilder("|");
    for (Column<R> c : table.columns()) {
      head.append(' ').append(escape(c.heading())).append(" |");
      rule.append(c.type().alignsRight() ? " ---: |" : " --- |");
    }
    out.println(head);
    out.println(rule);
    for (R row : table.rows()) {
      StringBuilder line = new StringBuilder("|");
      for (Column<R> c : table.columns()) {
        line.append(' ').append(escape(Cells.display(c.type(), c.valueOf(row)))).append(" |");
      }
      out.println(line);
    }
  }

  /** {@code text} that Markdown shows as it is, even {@code <script>} or a {@code |}. */
  static String escape(String text) {
    return SPECIAL
        .matcher(text.replace('\n', ' '))
        .replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }
}
