package dev.dltrack.compare.table;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * One column of a {@link Table}: how to get a row's value, and how to head it.
 *
 * @param id unique within its table; names the column for {@code --sort}, in CSV headers and JSON
 *     ({@code val/accuracy:best})
 * @param group a heading shared by neighbouring columns (the metric {@code val/accuracy} over
 *     {@code final}, {@code best} and {@code step}); empty for none
 * @param label the column's own short heading
 * @param value the row's value, of the Java type {@code type} names, or null where missing
 */
public record Column<R>(
    String id, String group, String label, CellType type, Function<? super R, ?> value) {
  public Column {
    requireNonNull(id, "id");
    requireNonNull(group, "group");
    requireNonNull(label, "label");
    requireNonNull(type, "type");
    requireNonNull(value, "value");
    checkArgument(!id.isBlank(), "column id must not be blank: '%s'", id);
  }

  /** A column without a group heading, labelled by its id. */
  public static <R> Column<R> of(String id, CellType type, Function<? super R, ?> value) {
    return new Column<>(id, "", id, type, value);
  }

  /** The heading as one line: the group and the label ({@code val/accuracy best}). */
  public String heading() {
    return group.isEmpty() ? label : group + " " + label;
  }

  /**
   * The end (exclusive) of the run of {@code items} from {@code start} whose group heading is
   * {@code start}'s, for drawing the heading once over them; {@code start + 1} when it has none.
   */
  public static <T> int groupEnd(List<T> items, int start, Function<? super T, String> group) {
    String g = group.apply(items.get(start));
    int end = start + 1;
    while (!g.isEmpty() && end < items.size() && group.apply(items.get(end)).equals(g)) {
      end++;
    }
    return end;
  }

  /** {@code row}'s value in this column; null where missing. */
  public Object valueOf(R row) {
    return value.apply(row);
  }
}
