package dev.flightlog.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Writes results as CSV with the JSON columns: a header row of the column names, then one line per
 * row, fields quoted as RFC 4180 says (when they hold a comma, a double quote or a line break, with
 * quotes doubled), lines ending in {@code \n}. Unknown values are empty fields; lists are their
 * names joined by single spaces; money and times are written as in JSON.
 *
 * <p>A single result with nested tables (see {@link Value.Table}) is written as one table: a {@code
 * scope} column ({@code all} for the result's own values, then for each nested table its name
 * without the {@code by_} prefix), the nested tables' own columns (such as {@code tool}), then the
 * result's other columns; each nested row fills the columns of the same name and leaves the others
 * empty.
 */
final class CsvOutput {

  private final Writer out;

  CsvOutput(Writer out) {
    this.out = out;
  }

  void result(Result result) throws IOException {
    if (result.single() && hasTables(result.rows().getFirst())) {
      flattened(result.columns(), result.rows().getFirst());
    } else {
      header(result.columns());
      for (var row : result.rows()) {
        row(row);
      }
    }
    out.flush();
  }

  private static boolean hasTables(List<Value> row) {
    return row.stream().anyMatch(Value.Table.class::isInstance);
  }

  private void flattened(List<Column> columns, List<Value> row) throws IOException {
    var own = new LinkedHashMap<String, Integer>();
    var tables = new ArrayList<Integer>();
    for (int i = 0; i < columns.size(); i++) {
      if (row.get(i) instanceof Value.Table) {
        tables.add(i);
      } else {
        own.put(columns.get(i).name(), i);
      }
    }
    var keys = new ArrayList<String>();
    for (int t : tables) {
      for (var column : ((Value.Table) row.get(t)).columns()) {
        if (!own.containsKey(column.name()) && !keys.contains(column.name())) {
          keys.add(column.name());
        }
      }
    }
    var names = new ArrayList<String>();
    names.add("scope");
    names.addAll(keys);
    names.addAll(own.keySet());
    out.write(String.join(",", names));
    out.write('\n');
    var all = new ArrayList<Value>();
    all.add(Value.text("all"));
    keys.forEach(key -> all.add(Value.UNKNOWN));
    own.values().forEach(i -> all.add(row.get(i)));
    row(all);
    for (int t : tables) {
      var scope = columns.get(t).name().replaceFirst("^by_", "");
      var table = (Value.Table) row.get(t);
      var index = new HashMap<String, Integer>();
      for (int c = 0; c < table.columns().size(); c++) {
        index.put(table.columns().get(c).name(), c);
      }
      for (var nested : table.rows()) {
        var line = new ArrayList<Value>();
        line.add(Value.text(scope));
        for (var name : names.subList(1, names.size())) {
          var c = index.get(name);
          line.add(c == null ? Value.UNKNOWN : nested.get(c));
        }
        row(line);
      }
    }
  }

  void header(List<Column> columns) throws IOException {
    out.write(String.join(",", columns.stream().map(Column::name).toList()));
    out.write('\n');
  }

  void row(List<Value> row) throws IOException {
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(field(row.get(i))));
    }
    out.write('\n');
  }

  private static String field(Value value) {
    return switch (value) {
      case Value.Text(var text) -> text;
      case Value.Count(var count) -> Long.toString(count);
      case Value.Usd usd -> usd.plain();
      case Value.Ratio ratio -> ratio.plain();
      case Value.Decimal decimal -> decimal.plain();
      case Value.Table table -> table.rows().size() + " rows";
      case Value.Time(var instant) -> instant.toString();
      case Value.Day(var date) -> date.toString();
      case Value.Names(var names) -> String.join(" ", names);
      case Value.Unknown() -> "";
    };
  }

  static String quoted(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
