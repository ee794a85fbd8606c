package dev.flightlog.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Flow (PRODUCT.md §4): per turn of one session; a session's totals are sums of its turns (active
 * time = Σ wall, idle = Σ idle before).
 *
 * <p>Per turn, over every thread: the wall interval is [prompt, Stop]. Waiting for the user is, for
 * each {@code PermissionRequest} at t, from t to the execution start of the call running at t (the
 * latest-started call with start ≤ t; its end minus the measured duration, else its end), and the
 * whole of every {@code AskUserQuestion} call. Tool time is the time at least one call ran, less
 * waiting. Model time is, per model request with a time, from the latest of the turn's start, the
 * same thread's previous request and the ends of the same thread's calls ending by then, to the
 * request — less tool and waiting time. All three are clipped to the wall interval when it is
 * known, so they never add up to more than it.
 */
public final class Flow {
  private Flow() {}

  private static final String PERMISSION_REQUEST = "PermissionRequest";
  private static final String ASK_USER_QUESTION = "AskUserQuestion";

  private static final Comparator<Turn> ORDER =
      Comparator.comparing(Turn::startedAt, Comparator.nullsLast(Comparator.naturalOrder()));

  /**
   * The flow of every turn of the session, in start order (unknown starts last). Calls, requests
   * and signals of a prompt id with no turn in the list (such as {@code ""}, turn unknown) form a
   * turn of their own with unknown start and end.
   */
  public static List<TurnFlow> turns(SessionLog session) {
    Map<String, Turn> byId = new LinkedHashMap<>();
    for (var turn : session.turns()) {
      byId.putIfAbsent(turn.promptId(), turn);
    }
    for (var call : session.calls()) {
      byId.putIfAbsent(call.promptId(), new Turn(call.promptId(), null, null));
    }
    for (var request : session.requests()) {
      byId.putIfAbsent(request.promptId(), new Turn(request.promptId(), null, null));
    }
    for (var signal : session.signals()) {
      byId.putIfAbsent(signal.promptId(), new Turn(signal.promptId(), null, null));
    }
    var turns = new ArrayList<>(byId.values());
    turns.sort(ORDER);
    var flows = new ArrayList<TurnFlow>();
    @Nullable Instant previousEnd = null;
    for (int i = 0; i < turns.size(); i++) {
      var turn = turns.get(i);
      var id = turn.promptId();
      var calls = session.calls().stream().filter(c -> c.promptId().equals(id)).toList();
      var requests = session.requests().stream().filter(r -> r.promptId().equals(id)).toList();
      var signals = session.signals().stream().filter(s -> s.promptId().equals(id)).toList();
      flows.add(flow(turn, calls, requests, signals, i == 0 ? null : previousEnd));
      previousEnd =
          turn.endedAt() != null ? turn.endedAt() : lastActivity(turn, calls, requests, signals);
    }
    return List.copyOf(flows);
  }

  private static TurnFlow flow(
      Turn turn,
      List<Call> calls,
      List<Request> requests,
      List<Signal> signals,
      @Nullable Instant previousEnd) {
    var start = turn.startedAt();
    var end = turn.endedAt();
    long @Nullable [] wall =
        start != null && end != null && !end.isBefore(start)
            ? new long[] {start.toEpochMilli(), end.toEpochMilli()}
            : null;
    Long wallMs = wall == null ? null : wall[1] - wall[0];

    var waiting = Spans.of(waiting(calls, signals));
    var ran = Spans.of(toolIntervals(calls));
    var tool = ran.minus(waiting);
    var model = Spans.of(modelIntervals(start, calls, requests)).minus(ran.plus(waiting));
    if (wall != null) {
      waiting = waiting.clip(wall[0], wall[1]);
      tool = tool.clip(wall[0], wall[1]);
      model = model.clip(wall[0], wall[1]);
    }
    Long idleBeforeMs =
        start == null || previousEnd == null
            ? null
            : Math.max(0, start.toEpochMilli() - previousEnd.toEpochMilli());
    return new TurnFlow(
        turn.promptId(),
        start,
        end,
        wallMs,
        tool.length(),
        model.length(),
        waiting.length(),
        calls.size(),
        longestStreak(calls),
        idleBeforeMs);
  }

  /** [t, execution start of the call running at t] per permission prompt; questions whole. */
  private static List<long[]> waiting(List<Call> calls, List<Signal> signals) {
    var intervals = new ArrayList<long[]>();
    for (var signal : signals) {
      if (!signal.event().equals(PERMISSION_REQUEST)) {
        continue;
      }
      var at = signal.at();
      Call running = null;
      for (var call : calls) {
        var started = call.startedAt();
        if (started != null
            && !started.isAfter(at)
            && (running == null || !started.isBefore(running.startedAt()))) {
          running = call;
        }
      }
      var execution = running == null ? null : executionStart(running);
      if (execution != null) {
        intervals.add(new long[] {at.toEpochMilli(), execution});
      }
    }
    for (var call : calls) {
      if (call.tool().equals(ASK_USER_QUESTION)) {
        var interval = interval(call);
        if (interval != null) {
          intervals.add(interval);
        }
      }
    }
    return intervals;
  }

  /** Its end minus the duration the agent measured, else its end; null without an end. */
  private static @Nullable Long executionStart(Call call) {
    var end = call.endedAt();
    if (end == null) {
      return null;
    }
    var measured = call.measuredMs();
    return end.toEpochMilli() - (measured == null ? 0 : measured);
  }

  private static List<long[]> toolIntervals(List<Call> calls) {
    var intervals = new ArrayList<long[]>();
    for (var call : calls) {
      var interval = interval(call);
      if (interval != null) {
        intervals.add(interval);
      }
    }
    return intervals;
  }

  private static long @Nullable [] interval(Call call) {
    var start = call.startedAt();
    var end = call.endedAt();
    return start == null || end == null
        ? null
        : new long[] {start.toEpochMilli(), end.toEpochMilli()};
  }

  /**
   * Per request with a time: from the latest of the turn's start, the same thread's previous
   * request and the ends of the same thread's calls that ended by then, to the request.
   */
  private static List<long[]> modelIntervals(
      @Nullable Instant turnStart, List<Call> calls, List<Request> requests) {
    var intervals = new ArrayList<long[]>();
    for (int i = 0; i < requests.size(); i++) {
      var request = requests.get(i);
      var at = request.at();
      if (at == null) {
        continue;
      }
      Instant from = turnStart != null && !turnStart.isAfter(at) ? turnStart : null;
      for (int j = 0; j < requests.size(); j++) {
        var other = requests.get(j);
        var otherAt = other.at();
        if (j != i
            && otherAt != null
            && other.threadId().equals(request.threadId())
            && (otherAt.isBefore(at) || (otherAt.equals(at) && j < i))) {
          from = Turns.later(from, otherAt);
        }
      }
      for (var call : calls) {
        var end = call.endedAt();
        if (end != null && call.threadId().equals(request.threadId()) && !end.isAfter(at)) {
          from = Turns.later(from, end);
        }
      }
      if (from != null) {
        intervals.add(new long[] {from.toEpochMilli(), at.toEpochMilli()});
      }
    }
    return intervals;
  }

  /** The most consecutive ok calls in start order: error, denied, interrupted break it. */
  private static int longestStreak(List<Call> calls) {
    int longest = 0;
    int current = 0;
    for (var call : CallOrder.sorted(calls)) {
      switch (call.status()) {
        case OK -> longest = Math.max(longest, ++current);
        case ERROR, DENIED, INTERRUPTED -> current = 0;
        case PENDING -> {}
      }
    }
    return longest;
  }

  /** The latest time anything of the turn happened, else null. */
  private static @Nullable Instant lastActivity(
      Turn turn, List<Call> calls, List<Request> requests, List<Signal> signals) {
    Instant last = turn.startedAt();
    for (var call : calls) {
      last = Turns.later(Turns.later(last, call.startedAt()), call.endedAt());
    }
    for (var request : requests) {
      last = Turns.later(last, request.at());
    }
    for (var signal : signals) {
      last = Turns.later(last, signal.at());
    }
    return last;
  }
}
