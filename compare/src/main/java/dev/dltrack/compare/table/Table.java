package dev.dltrack.compare.table;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows under columns, independent of any output format. The first column is the key (the run's or
 * group's name) that every part of a wrapped table repeats.
 */
public final class Table<R> {
  private final List<Column<R>> columns;
  private final List<R> rows;

  private Table(List<Column<R>> columns, List<R> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** A table of {@code rows}; column ids must be unique. */
  public static <R> Table<R> of(List<Column<R>> columns, List<R> rows) {
    checkArgument(!columns.isEmpty(), "a table needs at least one column");
    Set<String> ids = new HashSet<>();
    for (Column<R> c : columns) {
      checkArgument(ids.add(c.id()), "column id used twice: %s", c.id());
    }
    return new Table<>(List.copyOf(columns), List.copyOf(rows));
  }

  /** The columns, the key first. */
  public List<Column<R>> columns() {
    return columns;
  }

  /** The rows, in order. */
  public List<R> rows() {
    return rows;
  }

  /** The column with {@code id}; throws naming the ids there are when none has it. */
  private Column<R> sortColumn(String id) {
    return columns.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown sort column '"
                        + id
                        + "'; use one of: "
                        + columns.stream().map(Column::id).collect(Collectors.joining(", "))));
  }

  /**
   * The rows ordered by column {@code id}, ascending or descending; missing values and NaN come
   * last either way, ties keep their order. Numbers order by value, text ignoring case.
   */
  public Table<R> sortedBy(String id, boolean descending) {
    Column<R> column = sortColumn(id);
    Comparator<Object> present = descending ? VALUES.reversed() : VALUES;
    Comparator<R> order =
        Comparator.comparing(
            column::valueOf,
            (a, b) -> {
              boolean aMissing = isMissing(a);
              boolean bMissing = isMissing(b);
              return aMissing || bMissing
                  ? Boolean.compare(aMissing, bMissing)
                  : present.compare(a, b);
            });
    List<R> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    return new Table<>(columns, List.copyOf(sorted));
  }

  private static boolean isMissing(Object v) {
    return v == null || (v instanceof Double d && d.isNaN());
  }

  /** Numbers, then booleans, then text; each kind in its natural order. */
  private static final Comparator<Object> VALUES =
      Comparator.comparingInt(Table::kindRank)
          .thenComparing(
              (a, b) -> {
                if (a instanceof Number x && b instanceof Number y) {
                  return Double.compare(x.doubleValue(), y.doubleValue());
                }
                if (a instanceof Boolean x && b instanceof Boolean y) {
                  return x.compareTo(y);
                }
                String x = String.valueOf(a);
                String y = String.valueOf(b);
                int c = x.toLowerCase(Locale.ROOT).compareTo(y.toLowerCase(Locale.ROOT));
                return c != 0 ? c : x.compareTo(y);
              });

  private static int kindRank(Object v) {
    return v instanceof Number ? 0 : v instanceof Boolean ? 1 : 2;
  }
}
