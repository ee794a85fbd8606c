package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PATH;
import static dev.flightlog.report.Column.Shape.PERCENT;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.store.CoverageRow;
import dev.flightlog.store.Reads;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code report coverage}: for each session active in the range (most recently active first, at
 * most the query's limit) and overall, the share of its tool calls each channel saw, the calls only
 * the transcript saw (missed by the hooks), the calls only the hooks saw (no transcript record),
 * the hook payloads received, and when SessionEnd came. The total line counts every session in the
 * range, not only the listed ones.
 */
final class Coverage {
  private Coverage() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("session_id", "Session", ID),
          Column.of("agent", null, TEXT),
          Column.of("project", "Project", PATH),
          Column.of("last_seen", "Last seen", TIME),
          Column.of("tool_calls", "Calls", NUMBER),
          Column.of("by_hooks", null, NUMBER),
          Column.of("by_transcript", null, NUMBER),
          Column.of("by_otlp", null, NUMBER),
          Column.of("hooks_share", "Hooks", PERCENT),
          Column.of("transcript_share", "Transcr.", PERCENT),
          Column.of("otlp_share", "OTLP", PERCENT),
          Column.of("missed_by_hooks", "Missed", NUMBER),
          Column.of("hooks_only", "Hook only", NUMBER),
          Column.of("hook_events", "Events", NUMBER),
          Column.of("ended_at", "Ended", TIME));

  static Result compute(Reads reads, ReportQuery query) {
    var sessions = reads.coverage(query.filter());
    var rows = new ArrayList<List<Value>>();
    long calls = 0;
    long hooks = 0;
    long transcript = 0;
    long otlp = 0;
    long missed = 0;
    long hooksOnly = 0;
    long events = 0;
    long unended = 0;
    for (var session : sessions) {
      calls += session.toolCalls();
      hooks += session.byHooks();
      transcript += session.byTranscript();
      otlp += session.byOtlp();
      missed += session.transcriptOnly();
      hooksOnly += session.hooksOnly();
      events += session.hookEvents();
      unended += session.endedAt() == null ? 1 : 0;
      if (query.limit() == 0 || rows.size() < query.limit()) {
        rows.add(row(session));
      }
    }
    var total =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(calls),
            Value.count(hooks),
            Value.count(transcript),
            Value.count(otlp),
            Value.ratio(share(hooks, calls)),
            Value.ratio(share(transcript, calls)),
            Value.ratio(share(otlp, calls)),
            Value.count(missed),
            Value.count(hooksOnly),
            Value.count(events),
            Value.UNKNOWN);
    var notes = new ArrayList<String>();
    if (sessions.size() > rows.size()) {
      notes.add(
          "Showing the "
              + rows.size()
              + " most recently active of "
              + sessions.size()
              + " sessions; the total line counts all of them (--limit 0 lists all).");
    }
    if (missed > 0) {
      notes.add(
          missed
              + " tool call(s) only the transcript saw: the hooks were not installed or the"
              + " daemon was down then (`flightlog doctor` checks both).");
    }
    if (hooksOnly > 0) {
      notes.add(
          hooksOnly
              + " tool call(s) only the hooks saw: their transcript has not been read (yet) or"
              + " was deleted.");
    }
    if (unended > 0) {
      notes.add(
          unended
              + " of "
              + sessions.size()
              + " session(s) have no SessionEnd: still running, killed, or seen without hooks.");
    }
    return new Result(COLUMNS, rows, false, total, notes);
  }

  private static List<Value> row(CoverageRow session) {
    return List.of(
        Value.text(session.sessionId()),
        Value.text(session.agent()),
        Value.text(session.project()),
        Value.time(session.lastSeen()),
        Value.count(session.toolCalls()),
        Value.count(session.byHooks()),
        Value.count(session.byTranscript()),
        Value.count(session.byOtlp()),
        Value.ratio(share(session.byHooks(), session.toolCalls())),
        Value.ratio(share(session.byTranscript(), session.toolCalls())),
        Value.ratio(share(session.byOtlp(), session.toolCalls())),
        Value.count(session.transcriptOnly()),
        Value.count(session.hooksOnly()),
        Value.count(session.hookEvents()),
        Value.time(session.endedAt()));
  }

  /** The share of {@code part} in {@code whole}; unknown (null) when there is nothing to share. */
  static @Nullable Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
