package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.store.Reads;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report errors}: the error catalog. The failed calls in range (status error, denied or
 * interrupted) grouped by error signature — tool, category and normalised first line (see {@code
 * metrics.ErrorSignature}) — most frequent first, then by tool, category and signature; at most the
 * query's limit. {@code sessions} counts the sessions with such a failure; {@code example} is the
 * raw first line of the latest one that has an error text, {@code example_session_id} its session.
 */
final class Errors {
  private Errors() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("tool", "Tool", TEXT),
          Column.of("category", "Category", TEXT),
          Column.of("signature", "Signature", TEXT),
          Column.of("count", "Count", NUMBER),
          Column.of("sessions", "Sessions", NUMBER),
          Column.of("first_seen", null, TIME),
          Column.of("last_seen", "Last seen", TIME),
          Column.of("example", null, TEXT),
          Column.of("example_session_id", null, ID));

  static Result compute(Reads reads, ReportQuery query) {
    var rows = new ArrayList<List<Value>>();
    long count = 0;
    for (var group : reads.errors(query.filter(), query.limit())) {
      var signature = group.signature();
      count += group.count();
      rows.add(
          List.of(
              Value.text(signature.tool().isEmpty() ? Tools.UNKNOWN_TOOL : signature.tool()),
              Value.text(signature.category().wireName()),
              Value.text(signature.firstLine()),
              Value.count(group.count()),
              Value.count(group.sessions()),
              Value.time(group.firstSeen()),
              Value.time(group.lastSeen()),
              Value.text(group.example()),
              Value.text(group.exampleSessionId())));
    }
    var total =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(count),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN);
    var notes =
        query.limit() > 0 && rows.size() == query.limit()
            ? List.of(
                "The "
                    + query.limit()
                    + " most frequent signatures are listed (--limit 0 lists all); the total"
                    + " counts their calls.")
            : List.<String>of();
    return new Result(COLUMNS, rows, false, total, notes);
  }
}
