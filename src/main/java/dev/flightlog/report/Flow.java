package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.store.Reads;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code report flow}: the flow of each turn started in range (see {@code metrics.Flow}), latest
 * first, at most the query's limit. Durations are in ms and null when a time they need is unknown;
 * {@code other_ms} is the wall time that is neither tool, model nor waiting time; {@code
 * calls_per_minute} is calls per minute of wall time. The total line sums every turn in range (a
 * duration over the turns that know it), not only those listed; its calls per minute are those of
 * the turns with a known wall time over their wall time; its streak is the longest.
 */
final class Flow {
  private Flow() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("session_id", "Session", ID),
          Column.of("prompt_id", null, ID),
          Column.of("started_at", "Started", TIME),
          Column.of("wall_ms", "Wall ms", NUMBER),
          Column.of("tool_ms", "Tool ms", NUMBER),
          Column.of("model_ms", "Model ms", NUMBER),
          Column.of("waiting_ms", "Wait ms", NUMBER),
          Column.of("other_ms", null, NUMBER),
          Column.of("calls", "Calls", NUMBER),
          Column.of("calls_per_minute", "/min", NUMBER),
          Column.of("longest_streak", "Streak", NUMBER),
          Column.of("idle_before_ms", "Idle ms", NUMBER));

  static Result compute(Reads reads, ReportQuery query) {
    var rows = new ArrayList<List<Value>>();
    for (var turn : reads.turns(query.filter(), query.limit())) {
      var flow = turn.flow();
      rows.add(
          List.of(
              Value.text(turn.sessionId()),
              Value.text(flow.promptId()),
              Value.time(flow.startedAt()),
              Value.count(flow.wallMs()),
              Value.count(flow.toolMs()),
              Value.count(flow.modelMs()),
              Value.count(flow.waitingMs()),
              Value.count(turn.otherMs()),
              Value.count(flow.calls()),
              Value.decimal(perMinute(flow.calls(), flow.wallMs())),
              Value.count(flow.longestStreak()),
              Value.count(flow.idleBeforeMs())));
    }
    var totals = reads.flowTotals(query.filter());
    var total =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(totals.wallMs()),
            Value.count(totals.toolMs()),
            Value.count(totals.modelMs()),
            Value.count(totals.waitingMs()),
            Value.count(totals.otherMs()),
            Value.count(totals.calls()),
            Value.decimal(perMinute(totals.timedCalls(), totals.wallMs())),
            Value.count(totals.longestStreak()),
            Value.count(totals.idleBeforeMs()));
    var notes =
        totals.turns() > rows.size()
            ? List.of(
                "The total line sums all "
                    + totals.turns()
                    + " turns in the range; the table lists the latest "
                    + rows.size()
                    + " (--limit).")
            : List.<String>of();
    return new Result(COLUMNS, rows, false, total, notes);
  }

  /** Calls per minute of wall time; null when the wall time is unknown or zero. */
  static @Nullable Double perMinute(long calls, @Nullable Long wallMs) {
    return wallMs == null || wallMs == 0 ? null : calls * 60_000.0 / wallMs;
  }
}
