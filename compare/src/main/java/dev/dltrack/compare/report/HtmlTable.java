package dev.dltrack.compare.report;

import dev.dltrack.compare.table.Cells;
import dev.dltrack.compare.table.Column;
import dev.dltrack.compare.table.Table;
import java.util.List;

/**
 * A {@link Table} as an HTML table the page can sort by a click on a heading: group headings
 * spanning their columns over the labels, values as people read them, each cell's exact value in
 * {@code data-v} for sorting.
 */
final class HtmlTable {
  private HtmlTable() {}

  static <R> String render(Table<R> table) {
    StringBuilder html = new StringBuilder("<table class=\"sortable\">\n<thead>\n");
    List<Column<R>> columns = table.columns();
    if (columns.stream().anyMatch(c -> !c.group().isEmpty())) {
      html.append("<tr class=\"groups\">");
      int i = 0;
      while (i < columns.size()) {
        int end = Column.groupEnd(columns, i, Column::group);
        html.append("<th colspan=\"")
            .append(end - i)
            .append("\">")
            .append(Html.escape(columns.get(i).group()))
            .append("</th>");
        i = end;
      }
      html.append("</tr>\n");
    }
    html.append("<tr>");
    for (Column<R> c : columns) {
      html.append("<th title=\"")
          .append(Html.escape("sort by " + c.id()))
          .append("\"")
          .append(c.type().alignsRight() ? " class=\"num\"" : "")
          .append('>')
          .append(Html.escape(c.label()))
          .append("</th>");
    }
    html.append("</tr>\n</thead>\n<tbody>\n");
    for (R row : table.rows()) {
      html.append("<tr>");
      for (Column<R> c : columns) {
        Object value = c.valueOf(row);
        html.append("<td")
            .append(c.type().alignsRight() ? " class=\"num\"" : "")
            .append(" data-v=\"")
            .append(Html.escape(Cells.exact(c.type(), value)))
            .append("\">")
            .append(Html.escape(Cells.display(c.type(), value)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody>\n</table>\n").toString();
  }
}
