package dev.flightlog.metrics;

import dev.flightlog.ToolStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recovery episodes (PRODUCT.md §4, "Recovery"), found in one session's calls.
 *
 * <p>Calls are read per thread and turn, in {@link CallOrder}. A call's key is, for the file edits
 * ({@code Edit}, {@code MultiEdit}, {@code Write}, {@code NotebookEdit}) with a known file, that
 * file; else its tool. An {@code error} call opens an episode for its key when none is open (one
 * failure, no attempt); while one is open, another error of the key adds a failure and an attempt,
 * and an {@code ok} call of the key adds an attempt and ends it recovered. Denied, interrupted and
 * pending calls neither extend nor end an episode. When the turn has ended ({@link Turns}), an
 * episode still open is interrupted if an {@code interrupted} call of the turn (any thread) started
 * at or after its first failure, else unrecovered; while the turn has not ended it is open.
 */
public final class Recovery {
  private Recovery() {}

  private static final Set<String> FILE_EDITS =
      Set.of("Edit", "MultiEdit", "Write", "NotebookEdit");

  /** One thread of one turn. */
  private record Group(String threadId, String promptId) {}

  /** A call and its place in the session's input. */
  private record Step(Call call, int input) {}

  private static final Comparator<Step> ORDER = Comparator.comparing(Step::call, CallOrder.ORDER);

  /** An episode being read: its first failure, where that is in its thread, and its counts. */
  private static final class Open {
    final Step first;
    final int position;
    int failures = 1;
    int attempts;

    Open(Step first, int position) {
      this.first = first;
      this.position = position;
    }
  }

  private record Found(Episode episode, int input) {}

  /**
   * The episodes of a session, in the order their first failures started (unknown starts last, ties
   * in input order).
   */
  public static List<Episode> episodes(SessionLog session) {
    var turns = new Turns(session.turns());
    Map<Group, List<Step>> groups = new LinkedHashMap<>();
    Map<String, List<Step>> byTurn = new LinkedHashMap<>();
    var calls = session.calls();
    for (int i = 0; i < calls.size(); i++) {
      var step = new Step(calls.get(i), i);
      groups
          .computeIfAbsent(
              new Group(step.call().threadId(), step.call().promptId()), g -> new ArrayList<>())
          .add(step);
      byTurn.computeIfAbsent(step.call().promptId(), p -> new ArrayList<>()).add(step);
    }
    // Where each call is in its thread's order, by input index.
    Map<Integer, Integer> position = new HashMap<>();
    for (var steps : groups.values()) {
      steps.sort(ORDER);
      for (int i = 0; i < steps.size(); i++) {
        position.put(steps.get(i).input(), i);
      }
    }
    var found = new ArrayList<Found>();
    for (var entry : groups.entrySet()) {
      var promptId = entry.getKey().promptId();
      var steps = entry.getValue();
      var turn = byTurn.getOrDefault(promptId, List.of());
      Map<String, Open> open = new LinkedHashMap<>();
      for (int i = 0; i < steps.size(); i++) {
        var step = steps.get(i);
        var key = key(step.call());
        var episode = open.get(key);
        switch (step.call().status()) {
          case ERROR -> {
            if (episode == null) {
              open.put(key, new Open(step, i));
            } else {
              episode.failures++;
              episode.attempts++;
            }
          }
          case OK -> {
            if (episode != null) {
              open.remove(key);
              episode.attempts++;
              var ms = recoveryMs(episode.first.call(), step.call());
              found.add(found(episode, Outcome.RECOVERED, ms));
            }
          }
          case DENIED, INTERRUPTED, PENDING -> {}
        }
      }
      boolean ended = turns.ended(promptId, turn.stream().map(Step::call).toList());
      for (var episode : open.values()) {
        Outcome outcome;
        if (!ended) {
          outcome = Outcome.OPEN;
        } else if (interruptedAfter(episode, turn, position)) {
          outcome = Outcome.INTERRUPTED;
        } else {
          outcome = Outcome.UNRECOVERED;
        }
        found.add(found(episode, outcome, null));
      }
    }
    found.sort(
        Comparator.comparing(
                (Found f) -> f.episode().startedAt(),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Found::input));
    return found.stream().map(Found::episode).toList();
  }

  /** The file of a file edit with a known file, else null. */
  private static @Nullable String file(Call call) {
    var summary = call.summary();
    return FILE_EDITS.contains(call.tool()) && summary != null && !summary.isBlank()
        ? summary
        : null;
  }

  private static String key(Call call) {
    var file = file(call);
    return file != null ? "file " + file : "tool " + call.tool();
  }

  /** From the end of the first failure to the end of the recovering call, never negative. */
  private static @Nullable Long recoveryMs(Call first, Call recovered) {
    var from = first.endedAt();
    var to = recovered.endedAt();
    return from == null || to == null ? null : Math.max(0, Duration.between(from, to).toMillis());
  }

  /**
   * Whether an {@code interrupted} call of the turn started (else ended) at or after the episode's
   * first failure; when a time is unknown, whether one comes after it in the same thread's order.
   */
  private static boolean interruptedAfter(
      Open episode, List<Step> turn, Map<Integer, Integer> position) {
    var first = episode.first.call();
    var from = CallOrder.time(first);
    for (var step : turn) {
      var call = step.call();
      if (call.status() != ToolStatus.INTERRUPTED) {
        continue;
      }
      var at = CallOrder.time(call);
      boolean after =
          (from != null && at != null)
              ? !at.isBefore(from)
              : (call.threadId().equals(first.threadId())
                  && position.getOrDefault(step.input(), -1) > episode.position);
      if (after) {
        return true;
      }
    }
    return false;
  }

  private static Found found(Open episode, Outcome outcome, @Nullable Long recoveryMs) {
    var first = episode.first.call();
    Instant startedAt = CallOrder.time(first);
    return new Found(
        new Episode(
            first.threadId(),
            first.promptId(),
            first.tool(),
            file(first),
            ErrorSignature.ofError(first.tool(), first.error()),
            outcome,
            episode.failures,
            episode.attempts,
            startedAt,
            recoveryMs),
        episode.first.input());
  }
}
