package dev.flightlog.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The turns of a session in start order (unknown starts last, ties in input order) and whether a
 * turn has ended: it has an end (Stop), or a later turn of the session started.
 *
 * <p>Calls of a turn that is not known — prompt id {@code ""}, or an id with no turn in the list —
 * form a pseudo-turn per id. It has ended when a known turn started after the pseudo-turn's latest
 * known call time, or ended at or after it; when none of its calls has a time, when the session's
 * last turn has ended. Otherwise (and in a session without turns) it is open.
 */
final class Turns {
  private static final Comparator<Turn> ORDER =
      Comparator.comparing(Turn::startedAt, Comparator.nullsLast(Comparator.naturalOrder()));

  private final List<Turn> sorted;
  private final Map<String, Integer> position = new HashMap<>();

  Turns(List<Turn> turns) {
    var known = new ArrayList<Turn>();
    for (var turn : turns) {
      if (!turn.promptId().isEmpty()) {
        known.add(turn);
      }
    }
    known.sort(ORDER);
    this.sorted = List.copyOf(known);
    for (int i = 0; i < sorted.size(); i++) {
      position.putIfAbsent(sorted.get(i).promptId(), i);
    }
  }

  /** The known turns (prompt id not {@code ""}) in start order. */
  List<Turn> sorted() {
    return sorted;
  }

  /** The known turn with this prompt id, else null. */
  @Nullable Turn turn(String promptId) {
    var at = position.get(promptId);
    return at == null ? null : sorted.get(at);
  }

  /** The known turn before this one in start order, else null. */
  @Nullable Turn previous(String promptId) {
    var at = position.get(promptId);
    return at == null || at == 0 ? null : sorted.get(at - 1);
  }

  /**
   * Whether the turn of these calls has ended.
   *
   * @param calls the calls of the turn (every thread), read only for a pseudo-turn
   */
  boolean ended(String promptId, List<Call> calls) {
    var at = position.get(promptId);
    if (at != null) {
      if (sorted.get(at).endedAt() != null) {
        return true;
      }
      for (int i = at + 1; i < sorted.size(); i++) {
        if (sorted.get(i).startedAt() != null) {
          return true;
        }
      }
      return false;
    }
    return pseudoEnded(calls);
  }

  private boolean pseudoEnded(List<Call> calls) {
    Instant latest = null;
    for (var call : calls) {
      latest = later(latest, call.startedAt());
      latest = later(latest, call.endedAt());
    }
    if (latest == null) {
      return !sorted.isEmpty() && sorted.getLast().endedAt() != null;
    }
    for (var turn : sorted) {
      var start = turn.startedAt();
      var end = turn.endedAt();
      if ((start != null && start.isAfter(latest)) || (end != null && !end.isBefore(latest))) {
        return true;
      }
    }
    return false;
  }

  static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.isAfter(a) ? a : b;
  }
}
