package dev.flightlog.metrics;

import java.util.List;

/** Recovery episodes (PRODUCT.md §4, "Recovery"), found in one session's calls. */
public final class Recovery {
  private Recovery() {}

  /** The episodes of a session, in the order their first failures started. */
  public static List<Episode> episodes(SessionLog session) {
    return List.of(); // replaced by the metrics branch
  }
}
