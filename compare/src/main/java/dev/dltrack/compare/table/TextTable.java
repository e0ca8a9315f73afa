package dev.dltrack.compare.table;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Table} as aligned plain text no wider than a terminal: headings over two lines (the
 * metric over its {@code final}, {@code best}, {@code step} columns), long names shortened in the
 * middle ({@code xavier-…orm-s3}, keeping the seed), and columns that do not fit continuing in a
 * further block below that repeats the key column, as R prints a wide data frame.
 */
final class TextTable {
  /** The width of a terminal nobody resized. */
  static final int TERMINAL_WIDTH = 80;

  /** The widest the key column (run or group names) gets. */
  static final int KEY_WIDTH = 24;

  /** The widest any other text column (hparam values) gets. */
  static final int TEXT_WIDTH = 16;

  private static final String GAP = "  ";
  private static final String ELLIPSIS = "…";

  private TextTable() {}

  /** {@code table} as lines of at most {@code width} characters, blocks parted by a blank line. */
  static <R> String render(Table<R> table, int width) {
    checkArgument(
        width >= KEY_WIDTH + GAP.length() + TEXT_WIDTH,
        "width must be at least %s: %s",
        KEY_WIDTH + GAP.length() + TEXT_WIDTH,
        width);
    List<Col> cols = layout(table);
    StringBuilder out = new StringBuilder();
    for (List<Col> block : blocks(cols, width)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      renderBlock(block, table.rows().size(), out);
    }
    return out.toString();
  }

  /** A column laid out: its width and every cell as it will print. */
  private record Col(String group, String label, boolean right, int width, List<String> cells) {}

  private static <R> List<Col> layout(Table<R> table) {
    List<Col> cols = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      Column<R> c = table.columns().get(i);
      int cap = i == 0 ? KEY_WIDTH : c.type() == CellType.TEXT ? TEXT_WIDTH : Integer.MAX_VALUE;
      List<String> cells = new ArrayList<>();
      int width = c.label().length();
      for (R row : table.rows()) {
        String cell = abbreviate(Cells.display(c.type(), c.valueOf(row)), cap);
        cells.add(cell);
        width = Math.max(width, cell.length());
      }
      width = Math.min(width, cap);
      cols.add(
          new Col(c.group(), abbreviate(c.label(), width), c.type().alignsRight(), width, cells));
    }
    return cols;
  }

  /**
   * Splits the columns after the key into blocks that fit {@code width} with the key repeated;
   * columns under one group heading stay in one block whenever they fit in one.
   */
  private static List<List<Col>> blocks(List<Col> cols, int width) {
    Col key = cols.get(0);
    List<List<Col>> blocks = new ArrayList<>();
    List<Col> block = newBlock(key, blocks);
    int used = key.width();
    int i = 1;
    while (i < cols.size()) {
      int end = unitEnd(cols, i);
      int unitWidth = 0;
      for (int j = i; j < end; j++) {
        unitWidth += GAP.length() + cols.get(j).width();
      }
      if (used + unitWidth > width && block.size() > 1) {
        block = newBlock(key, blocks);
        used = key.width();
      }
      if (used + unitWidth <= width) {
        block.addAll(cols.subList(i, end));
        used += unitWidth;
        i = end;
      } else {
        // a group wider than a whole block: split it column by column
        Col c = cols.get(i);
        if (used + GAP.length() + c.width() > width && block.size() > 1) {
          block = newBlock(key, blocks);
          used = key.width();
        }
        block.add(c);
        used += GAP.length() + c.width();
        i++;
      }
    }
    return blocks;
  }

  private static List<Col> newBlock(Col key, List<List<Col>> blocks) {
    List<Col> block = new ArrayList<>(List.of(key));
    blocks.add(block);
    return block;
  }

  /** The end (exclusive) of the run of columns sharing column {@code start}'s group heading. */
  private static int unitEnd(List<Col> cols, int start) {
    return Column.groupEnd(cols, start, Col::group);
  }

  private static void renderBlock(List<Col> block, int rows, StringBuilder out) {
    if (block.stream().anyMatch(c -> !c.group().isEmpty())) {
      StringBuilder line = new StringBuilder(pad("", block.get(0).width(), false));
      int i = 1;
      while (i < block.size()) {
        int end = unitEnd(block, i);
        int span = -GAP.length();
        for (int j = i; j < end; j++) {
          span += GAP.length() + block.get(j).width();
        }
        line.append(GAP).append(pad(abbreviate(block.get(i).group(), span), span, false));
        i = end;
      }
      appendLine(line, out);
    }
    StringBuilder labels = new StringBuilder();
    for (Col c : block) {
      labels.append(labels.length() == 0 ? "" : GAP).append(pad(c.label(), c.width(), c.right()));
    }
    appendLine(labels, out);
    for (int r = 0; r < rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < block.size(); j++) {
        Col c = block.get(j);
        line.append(j == 0 ? "" : GAP).append(pad(c.cells().get(r), c.width(), c.right()));
      }
      appendLine(line, out);
    }
  }

  private static void appendLine(StringBuilder line, StringBuilder out) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    out.append(line, 0, end).append('\n');
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }

  /**
   * {@code s} shortened to {@code max} characters by cutting its middle, where names repeat least:
   * {@code xavier-uniform-s3} → {@code xavier…orm-s3}.
   */
  static String abbreviate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    if (max <= ELLIPSIS.length()) {
      return s.substring(0, max);
    }
    int keep = max - ELLIPSIS.length();
    int head = (keep + 1) / 2;
    return s.substring(0, head) + ELLIPSIS + s.substring(s.length() - (keep - head));
  }
}
