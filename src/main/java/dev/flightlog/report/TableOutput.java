package dev.flightlog.report;

import java.io.IOException;
import java.io.Writer;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a result as a table for people: at most {@value #WIDTH} characters wide, numbers
 * right-aligned with thousands separators, money in dollars and cents, times to the minute in the
 * report's zone, unknown values as {@code -}, control characters in text as spaces, then the total
 * line and the notes. On a terminal the header is bold and rules and cut-offs use box-drawing
 * characters; otherwise the output is plain ASCII apart from the data itself.
 */
final class TableOutput {

  static final int WIDTH = 100;
  private static final int GAP = 2;
  private static final int MIN_FLEXIBLE = 8;

  /** A local date and time to the minute, as tables and notes show times. */
  static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final Writer out;
  private final boolean terminal;
  private final ZoneId zone;

  TableOutput(Writer out, boolean terminal, ZoneId zone) {
    this.out = out;
    this.terminal = terminal;
    this.zone = zone;
  }

  void result(Result result) throws IOException {
    if (result.single()) {
      pairs(result);
    } else {
      table(result);
    }
    if (!result.notes().isEmpty()) {
      out.write('\n');
      for (var note : result.notes()) {
        for (var line : wrapped(note)) {
          out.write(line);
          out.write('\n');
        }
      }
    }
    out.flush();
  }

  /**
   * A single result: one line per shown column, its heading then its value; then each shown nested
   * table under its heading.
   */
  private void pairs(Result result) throws IOException {
    var headings = new ArrayList<String>();
    var values = new ArrayList<String>();
    var nested = new ArrayList<Integer>();
    var row = result.rows().getFirst();
    for (int i = 0; i < result.columns().size(); i++) {
      var column = result.columns().get(i);
      if (column.heading() != null) {
        if (row.get(i) instanceof Value.Table) {
          nested.add(i);
          continue;
        }
        headings.add(column.heading());
        values.add(cell(row.get(i), column.shape(), Integer.MAX_VALUE));
      }
    }
    int headingWidth = headings.stream().mapToInt(String::length).max().orElse(0);
    int valueWidth = values.stream().mapToInt(String::length).max().orElse(0);
    for (int i = 0; i < headings.size(); i++) {
      out.write(pad(headings.get(i), headingWidth, false));
      out.write("  ");
      out.write(pad(values.get(i), valueWidth, true).stripTrailing());
      out.write('\n');
    }
    for (int i : nested) {
      var table = (Value.Table) row.get(i);
      out.write('\n');
      out.write(heading(result.columns().get(i)));
      out.write('\n');
      table(new Result(table.columns(), table.rows(), false, null, List.of()));
    }
  }

  private void table(Result result) throws IOException {
    var shown = new ArrayList<Integer>();
    for (int i = 0; i < result.columns().size(); i++) {
      if (result.columns().get(i).heading() != null) {
        shown.add(i);
      }
    }
    var lines = new ArrayList<List<Value>>(result.rows());
    if (result.total() != null && !result.rows().isEmpty()) {
      lines.add(result.total());
    }
    int[] widths = new int[shown.size()];
    for (int c = 0; c < shown.size(); c++) {
      var column = result.columns().get(shown.get(c));
      int width = heading(column).length();
      for (var line : lines) {
        width =
            Math.max(
                width, cell(line.get(shown.get(c)), column.shape(), cap(column.shape())).length());
      }
      widths[c] = width;
    }
    fit(result.columns(), shown, widths);

    var header = new StringBuilder();
    for (int c = 0; c < shown.size(); c++) {
      var column = result.columns().get(shown.get(c));
      header.append(c > 0 ? " ".repeat(GAP) : "");
      header.append(pad(heading(column), widths[c], column.shape().rightAligned()));
    }
    var rule = (terminal ? "─" : "-").repeat(Math.max(0, sum(widths) + GAP * (widths.length - 1)));
    out.write(
        terminal
            ? "\u001b[1m" + header.toString().stripTrailing() + "\u001b[0m"
            : header.toString().stripTrailing());
    out.write('\n');
    out.write(rule);
    out.write('\n');
    if (result.rows().isEmpty()) {
      out.write("No records match.\n");
      return;
    }
    for (var row : result.rows()) {
      line(result.columns(), shown, widths, row);
    }
    if (result.total() != null) {
      out.write(rule);
      out.write('\n');
      line(result.columns(), shown, widths, result.total());
    }
  }

  private void line(List<Column> columns, List<Integer> shown, int[] widths, List<Value> row)
      throws IOException {
    var text = new StringBuilder();
    for (int c = 0; c < shown.size(); c++) {
      var column = columns.get(shown.get(c));
      text.append(c > 0 ? " ".repeat(GAP) : "");
      text.append(
          pad(
              cell(row.get(shown.get(c)), column.shape(), widths[c]),
              widths[c],
              column.shape().rightAligned()));
    }
    out.write(text.toString().stripTrailing());
    out.write('\n');
  }

  /** A note broken into lines of at most {@link #WIDTH} characters, at spaces. */
  private static List<String> wrapped(String note) {
    var lines = new ArrayList<String>();
    var line = new StringBuilder();
    for (var word : note.split(" ", -1)) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** Narrows the widest cut-able columns until the table fits {@link #WIDTH}. */
  private static void fit(List<Column> columns, List<Integer> shown, int[] widths) {
    while (sum(widths) + GAP * (widths.length - 1) > WIDTH) {
      int widest = -1;
      for (int c = 0; c < shown.size(); c++) {
        var shape = columns.get(shown.get(c)).shape();
        boolean cuttable =
            shape == Column.Shape.TEXT || shape == Column.Shape.PATH || shape == Column.Shape.LIST;
        if (cuttable && widths[c] > MIN_FLEXIBLE && (widest < 0 || widths[c] > widths[widest])) {
          widest = c;
        }
      }
      if (widest < 0) {
        return;
      }
      widths[widest]--;
    }
  }

  private static int sum(int[] widths) {
    int sum = 0;
    for (int width : widths) {
      sum += width;
    }
    return sum;
  }

  private static String heading(Column column) {
    return column.heading() == null ? column.name() : column.heading();
  }

  private String cell(Value value, Column.Shape shape, int width) {
    return switch (value) {
      case Value.Text(var text) -> cut(text, shape, width);
      case Value.Count(var count) -> String.format(Locale.ROOT, "%,d", count);
      case Value.Usd(var usd) ->
          "$" + String.format(Locale.ROOT, "%,.2f", usd.setScale(2, RoundingMode.HALF_UP));
      case Value.Ratio(var ratio) -> String.format(Locale.ROOT, "%.1f%%", ratio * 100);
      case Value.Decimal(var decimal) -> String.format(Locale.ROOT, "%,.1f", decimal);
      case Value.Table table -> table.rows().size() + " rows";
      case Value.Time(var instant) ->
          (shape == Column.Shape.SECOND ? SECOND : MINUTE).format(instant.atZone(zone));
      case Value.Day(var date) -> date.toString();
      case Value.Names(var names) -> cut(String.join(", ", names), Column.Shape.LIST, width);
      case Value.Unknown() -> "-";
    };
  }

  private String cut(String raw, Column.Shape shape, int width) {
    var text = printable(raw);
    var limit = Math.min(width, cap(shape));
    if (shape == Column.Shape.ID) {
      return text.length() <= limit ? text : text.substring(0, limit);
    }
    if (text.length() <= limit) {
      return text;
    }
    var ellipsis = terminal ? "…" : "...";
    int keep = Math.max(0, limit - ellipsis.length());
    return shape == Column.Shape.PATH
        ? ellipsis + text.substring(text.length() - keep)
        : text.substring(0, keep) + ellipsis;
  }

  /**
   * The text with every control character (line breaks, tabs, and the escape that starts terminal
   * control sequences) shown as a space: cells are one line, and recorded text, which comes from
   * models and files, must not drive the terminal.
   */
  private static String printable(String text) {
    var clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      clean.append(Character.isISOControl(c) ? ' ' : c);
    }
    return clean.toString();
  }

  /** The widest a column's cells are shown before they are cut. */
  private static int cap(Column.Shape shape) {
    return switch (shape) {
      case TEXT -> 28;
      case PATH -> 24;
      case LIST -> 30;
      case ID -> 8;
      case NUMBER, MONEY, PERCENT, TIME, SECOND, DATE, TABLE -> Integer.MAX_VALUE;
    };
  }

  private static String pad(String text, int width, boolean right) {
    if (text.length() >= width) {
      return text;
    }
    var padding = " ".repeat(width - text.length());
    return right ? padding + text : text + padding;
  }
}
