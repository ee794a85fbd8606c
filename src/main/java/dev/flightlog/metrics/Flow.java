package dev.flightlog.metrics;

import java.util.List;

/** Flow (PRODUCT.md §4): per turn of one session; a session's totals are sums of its turns. */
public final class Flow {
  private Flow() {}

  /** The flow of every turn of the session, in start order. */
  public static List<TurnFlow> turns(SessionLog session) {
    return List.of(); // replaced by the metrics branch
  }
}
