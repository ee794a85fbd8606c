package dev.flightlog.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The order the definitions read calls in: by start, else by end; calls with neither come last;
 * ties keep the input order.
 */
final class CallOrder {
  private CallOrder() {}

  /** The time a call is ordered by: its start, else its end, else null. */
  static @Nullable Instant time(Call call) {
    return call.startedAt() != null ? call.startedAt() : call.endedAt();
  }

  static final Comparator<Call> ORDER =
      Comparator.comparing(CallOrder::time, Comparator.nullsLast(Comparator.naturalOrder()));

  /** The calls in order (a stable sort, so ties keep the input order). */
  static List<Call> sorted(List<Call> calls) {
    var sorted = new ArrayList<>(calls);
    sorted.sort(ORDER);
    return sorted;
  }
}
