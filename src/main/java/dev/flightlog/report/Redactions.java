package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.store.Reads;
import dev.flightlog.store.RedactionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code report redactions}: how many secrets the redaction rules replaced with a marker, per kind
 * of secret and source (the capture channel, or {@code retroactive} for {@code flightlog redact}),
 * most first, then by kind and source: the count, the sessions they came from, and when the first
 * and last were counted. Counts only: no secret value is stored, so none can be shown. A counter is
 * in range when the time from its first to its last count overlaps the range; its whole count is
 * then counted.
 */
final class Redactions {
  private Redactions() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("kind", "Kind", TEXT),
          Column.of("source", "Source", TEXT),
          Column.of("count", "Count", NUMBER),
          Column.of("sessions", "Sessions", NUMBER),
          Column.of("first_seen", "First seen", TIME),
          Column.of("last_seen", "Last seen", TIME));

  /** The counters of one kind and source. */
  private static final class Group {
    long count;
    final Set<String> sessions = new HashSet<>();
    @Nullable Instant first;
    @Nullable Instant last;

    void add(RedactionRow row) {
      count += row.count();
      if (!row.sessionId().isEmpty()) {
        sessions.add(row.agent() + '\u0000' + row.sessionId());
      }
      first = first == null || row.firstSeen().isBefore(first) ? row.firstSeen() : first;
      last = last == null || row.lastSeen().isAfter(last) ? row.lastSeen() : last;
    }
  }

  static Result compute(Reads reads, ReportQuery query) {
    var groups = new LinkedHashMap<List<String>, Group>();
    var total = new Group();
    for (var row : reads.redactions(query.filter())) {
      groups.computeIfAbsent(List.of(row.kind(), row.source()), k -> new Group()).add(row);
      total.add(row);
    }
    var rows = new ArrayList<List<Value>>();
    groups.entrySet().stream()
        .sorted(
            Comparator.comparing((java.util.Map.Entry<List<String>, Group> e) -> e.getValue().count)
                .reversed()
                .thenComparing(e -> e.getKey().get(0))
                .thenComparing(e -> e.getKey().get(1)))
        .forEach(
            e ->
                rows.add(
                    List.of(
                        Value.text(e.getKey().get(0)),
                        Value.text(e.getKey().get(1)),
                        Value.count(e.getValue().count),
                        Value.count(e.getValue().sessions.size()),
                        Value.time(e.getValue().first),
                        Value.time(e.getValue().last))));
    var totalLine =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.count(total.count),
            Value.count(total.sessions.size()),
            Value.time(total.first),
            Value.time(total.last));
    var notes =
        rows.isEmpty()
            ? List.of("No secret was redacted in this range.")
            : List.of(
                "Counts only: a redacted secret is replaced by its marker, e.g."
                    + " [REDACTED:aws_access_key], and its value is never stored.");
    return new Result(COLUMNS, rows, false, totalLine, notes);
  }
}
