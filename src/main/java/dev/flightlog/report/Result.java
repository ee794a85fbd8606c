package dev.flightlog.report;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a report computed: typed columns and rows. A {@code single} result is one object (JSON
 * writes it as an object, not an array). {@code total} is the table's total line, {@code notes} are
 * lines the table prints below it (JSON and CSV carry the same facts as columns).
 */
record Result(
    List<Column> columns,
    List<List<Value>> rows,
    boolean single,
    @Nullable List<Value> total,
    List<String> notes) {

  Result {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    total = total == null ? null : List.copyOf(total);
    notes = List.copyOf(notes);
    for (var row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + columns.size() + " columns");
      }
    }
    if (total != null && total.size() != columns.size()) {
      throw new IllegalArgumentException("the total line does not match the columns");
    }
    if (single && rows.size() != 1) {
      throw new IllegalArgumentException("a single result has exactly one row");
    }
  }
}
