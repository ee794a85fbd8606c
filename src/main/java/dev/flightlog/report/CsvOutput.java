package dev.flightlog.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes results as CSV with the JSON columns: a header row of the column names, then one line per
 * row, fields quoted as RFC 4180 says (when they hold a comma, a double quote or a line break, with
 * quotes doubled), lines ending in {@code \n}. Unknown values are empty fields; lists are their
 * names joined by single spaces; money and times are written as in JSON.
 */
final class CsvOutput {

  private final Writer out;

  CsvOutput(Writer out) {
    this.out = out;
  }

  void result(Result result) throws IOException {
    header(result.columns());
    for (var row : result.rows()) {
      row(row);
    }
    out.flush();
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
