package dev.dltrack.compare.table;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table as CSV (RFC 4180): the runs, the groups or the differences between groups (see {@link
 * ComparisonView.Part}); column ids as the header, values exact, missing values empty.
 */
final class CsvFormat {
  private CsvFormat() {}

  static void write(ComparisonView view, PrintWriter out) {
    switch (view.part()) {
      case ALL -> table(view.runs(), out);
      case GROUPS -> table(view.groups(), out);
      case DIFFERENCES -> table(view.differences(), out);
    }
    out.flush();
  }

  private static <R> void table(Table<R> table, PrintWriter out) {
    List<String> header = new ArrayList<>();
    table.columns().forEach(c -> header.add(c.id()));
    line(header, out);
    for (R row : table.rows()) {
      List<String> cells = new ArrayList<>();
      table.columns().forEach(c -> cells.add(Cells.exact(c.type(), c.valueOf(row))));
      line(cells, out);
    }
  }

  private static void line(List<String> cells, PrintWriter out) {
    // RFC 4180 ends records with CRLF
    out.print(cells.stream().map(CsvFormat::quote).collect(Collectors.joining(",")) + "\r\n");
  }

  static String quote(String cell) {
    boolean plain =
        cell.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
    return plain ? cell : '"' + cell.replace("\"", "\"\"") + '"';
  }
}
