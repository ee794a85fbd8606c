package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.SECOND;
import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.ThreadFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.store.ModelUsage;
import dev.flightlog.store.PeriodReads.SessionKey;
import dev.flightlog.store.Reads;
import dev.flightlog.store.SessionRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code report session ID}: one session as a timeline, one row per entry in time order (unknown
 * times last; at the same time: session start, prompt, subagent, model request, tool call, stop,
 * session end). Entries, by {@code kind}:
 *
 * <ul>
 *   <li>{@code session}: its start (first seen; detail: project and branch) and, when the agent
 *       said so, its end (SessionEnd; detail: the reason);
 *   <li>{@code prompt}: a prompt (name: its id; detail: the first line of its text; duration: to
 *       the turn's end) and {@code stop}: the turn's end (Stop, or its last activity);
 *   <li>{@code subagent}: a subagent thread (name: its type; detail: its task; duration: first to
 *       last seen);
 *   <li>{@code tool_call}: a call (name: the tool; detail: its input summary, and the first line of
 *       its error when it failed; status: its outcome; duration as in {@code report tools});
 *   <li>{@code model_request}: a request (name: the model; detail: its tokens by kind; cost by the
 *       rule of {@link Cost}).
 * </ul>
 *
 * Each entry's {@code id} is its record's key: the tool use id, the request's message id, the
 * prompt id (prompt and stop), the subagent's thread id; null for the session's start and end.
 *
 * <p>The session is named by its id, or by the start of its id when only one session's id starts
 * so. The range of the query is ignored: the timeline is the whole session.
 */
final class SessionTimeline {
  private SessionTimeline() {}

  static final List<Column> COLUMNS =
      List.of(
          Column.of("at", "Time", SECOND),
          Column.of("thread", null, ID),
          Column.of("kind", "Kind", TEXT),
          Column.of("name", "Name", TEXT),
          Column.of("detail", "Detail", TEXT),
          Column.of("status", "Status", TEXT),
          Column.of("duration_ms", "ms", NUMBER),
          Column.of("tokens", null, NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("id", null, ID));

  private static final int DETAIL_MAX = 200;

  /** One timeline entry; {@code rank} orders entries of the same time. */
  private record Entry(@Nullable Instant at, int rank, List<Value> row) {}

  static Result compute(Reads reads, PriceTable prices, ReportQuery query) {
    var id = query.filter().session();
    if (id == null) {
      throw new ReportException("report session needs a session id");
    }
    var key = find(reads, id, query.filter().agent());
    var session = reads.periods().session(key);
    if (session == null) {
      throw new ReportException(
          ReportException.Kind.NOT_FOUND, "no session '" + id + "' in the database");
    }
    var entries = new ArrayList<Entry>();
    var info = session.session();
    var where = info.project() == null ? null : info.project();
    if (where != null && info.gitBranch() != null) {
      where += " (" + info.gitBranch() + ")";
    }
    entries.add(
        entry(info.firstSeen(), 0, ThreadFact.MAIN, "session", "start", where, null, null, null));
    if (info.endedAt() != null) {
      entries.add(
          entry(
              info.endedAt(),
              6,
              ThreadFact.MAIN,
              "session",
              "end",
              info.endReason(),
              null,
              null,
              null));
    }
    for (var prompt : session.prompts()) {
      entries.add(
          entry(
              prompt.startedAt(),
              1,
              ThreadFact.MAIN,
              "prompt",
              prompt.promptId(),
              firstLine(prompt.text()),
              null,
              between(prompt.startedAt(), prompt.endedAt()),
              prompt.promptId()));
      if (prompt.endedAt() != null) {
        entries.add(
            entry(
                prompt.endedAt(),
                5,
                ThreadFact.MAIN,
                "stop",
                prompt.promptId(),
                null,
                null,
                null,
                prompt.promptId()));
      }
    }
    // A subagent runs from its first to its last record: the thread's own first and last seen,
    // widened by the times of its tool calls and model requests.
    var spans = new HashMap<String, Instant[]>();
    for (var subagent : session.subagents()) {
      widen(spans, subagent.threadId(), subagent.firstSeen());
      widen(spans, subagent.threadId(), subagent.lastSeen());
    }
    for (var call : session.toolCalls()) {
      widen(spans, call.threadId(), call.startedAt());
      widen(spans, call.threadId(), call.endedAt());
    }
    for (var request : session.requests()) {
      widen(spans, request.threadId(), request.at());
    }
    for (var subagent : session.subagents()) {
      var span = spans.get(subagent.threadId());
      var first = span == null ? subagent.firstSeen() : span[0];
      var last = span == null ? subagent.lastSeen() : span[1];
      entries.add(
          entry(
              first,
              2,
              subagent.threadId(),
              "subagent",
              subagent.agentType() == null ? "subagent" : subagent.agentType(),
              firstLine(subagent.description()),
              null,
              between(first, last),
              subagent.threadId()));
    }
    for (var call : session.toolCalls()) {
      var detail = call.summary();
      if (call.status() != ToolStatus.OK && call.error() != null) {
        var error = firstLine(call.error());
        detail = detail == null ? error : detail + ": " + error;
      }
      entries.add(
          entry(
              call.startedAt() != null ? call.startedAt() : call.endedAt(),
              4,
              call.threadId(),
              "tool_call",
              call.tool() == null ? Tools.UNKNOWN_TOOL : call.tool(),
              firstLine(detail),
              call.status().wireName(),
              call.durationMs(),
              call.toolUseId()));
    }
    long tokens = 0;
    var total = Cost.ZERO;
    for (var request : session.requests()) {
      var cost = Cost.of(usage(request), prices);
      tokens += request.usage().totalTokens();
      total = total.plus(cost);
      var usage = request.usage();
      var row =
          new ArrayList<>(
              List.of(
                  Value.time(request.at()),
                  Value.text(request.threadId()),
                  Value.text("model_request"),
                  Value.text(Cost.modelName(request.model())),
                  Value.text(
                      "in "
                          + usage.inputTokens()
                          + ", out "
                          + usage.outputTokens()
                          + ", cache read "
                          + usage.cacheReadTokens()
                          + ", cache write "
                          + usage.cacheCreationTokens()),
                  Value.UNKNOWN,
                  Value.UNKNOWN,
                  Value.count(usage.totalTokens()),
                  Value.usd(cost.usd()),
                  Value.text(request.messageId())));
      entries.add(new Entry(request.at(), 3, row));
    }
    entries.sort(
        Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Entry::rank));
    var notes = new ArrayList<String>();
    notes.add(
        "Session "
            + info.sessionId()
            + " ("
            + info.agent()
            + ")"
            + (info.project() == null ? "" : " in " + info.project())
            + ", "
            + count(session.prompts().size(), "prompt")
            + ", "
            + count(session.toolCalls().size(), "tool call")
            + ", "
            + count(session.requests().size(), "model request")
            + ", "
            + count(session.subagents().size(), "subagent")
            + "; the table leaves out the thread and tokens of each entry (see --format json);"
            + " times are in "
            + query.zone().getId()
            + (info.firstSeen() == null
                ? ""
                : ", from " + TableOutput.MINUTE.format(info.firstSeen().atZone(query.zone())))
            + ".");
    notes.addAll(prices.advice(total.unpricedModels()));
    var totalLine =
        List.of(
            Value.text("Total"),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.count(tokens),
            Value.usd(total.usd()),
            Value.UNKNOWN);
    return new Result(COLUMNS, entries.stream().map(Entry::row).toList(), false, totalLine, notes);
  }

  /** The one session {@code id} names, exactly or as the start of its id. */
  private static SessionKey find(Reads reads, String id, @Nullable String agent) {
    var keys = reads.periods().findSessions(id, agent);
    if (keys.isEmpty()) {
      throw new ReportException(
          ReportException.Kind.NOT_FOUND,
          "no session '"
              + id
              + "'"
              + (agent == null ? "" : " of agent " + agent)
              + " in the database: 'flightlog report sessions' lists them");
    }
    if (keys.size() > 1 && keys.stream().anyMatch(key -> !key.sessionId().equals(id))) {
      throw new ReportException(
          ReportException.Kind.AMBIGUOUS,
          "'"
              + id
              + "' starts "
              + (keys.size() > 10 ? "more than 10" : Integer.toString(keys.size()))
              + " session ids ("
              + keys.stream().limit(10).map(SessionKey::sessionId).collect(Collectors.joining(", "))
              + "): give more of the id");
    }
    if (keys.size() > 1) {
      throw new ReportException(
          ReportException.Kind.AMBIGUOUS,
          "session '"
              + id
              + "' exists for several agents ("
              + keys.stream().map(SessionKey::agent).collect(Collectors.joining(", "))
              + "): choose one with --agent");
    }
    return keys.getFirst();
  }

  private static Entry entry(
      @Nullable Instant at,
      int rank,
      @Nullable String thread,
      String kind,
      String name,
      @Nullable String detail,
      @Nullable String status,
      @Nullable Long durationMs,
      @Nullable String id) {
    return new Entry(
        at,
        rank,
        List.of(
            Value.time(at),
            Value.text(thread),
            Value.text(kind),
            Value.text(name),
            Value.text(detail),
            Value.text(status),
            Value.count(durationMs),
            Value.UNKNOWN,
            Value.UNKNOWN,
            Value.text(id)));
  }

  /** One request as a usage sum, so that {@link Cost#of} prices it by the same rule as any sum. */
  private static ModelUsage usage(SessionRecords.Request request) {
    var agent = request.agentCostUsd();
    var state = agent == null ? request.stateCostUsd() : null;
    return new ModelUsage(
        request.model(),
        1,
        request.usage(),
        agent == null ? 0 : agent,
        agent == null ? 0 : 1,
        agent == null ? request.usage() : Usage.ZERO,
        state == null ? 0 : state,
        state == null ? 0 : 1);
  }

  private static String count(int count, String thing) {
    return count + " " + thing + (count == 1 ? "" : "s");
  }

  private static @Nullable Long between(@Nullable Instant from, @Nullable Instant to) {
    return from == null || to == null || to.isBefore(from)
        ? null
        : Duration.between(from, to).toMillis();
  }

  /** The first non-blank line of a text, stripped and bounded; null for none. */
  private static @Nullable String firstLine(@Nullable String text) {
    if (text == null) {
      return null;
    }
    for (var line : text.split("\n", -1)) {
      var stripped = line.strip();
      if (!stripped.isEmpty()) {
        return stripped.length() <= DETAIL_MAX
            ? stripped
            : stripped.substring(0, DETAIL_MAX - 3) + "...";
      }
    }
    return null;
  }

  /** Widens the span {first, last} of {@code thread} to include {@code at}. */
  private static void widen(
      Map<String, Instant[]> spans, @Nullable String thread, @Nullable Instant at) {
    if (thread == null || at == null) {
      return;
    }
    var span = spans.computeIfAbsent(thread, t -> new Instant[] {at, at});
    if (at.isBefore(span[0])) {
      span[0] = at;
    }
    if (at.isAfter(span[1])) {
      span[1] = at;
    }
  }
}
