package dev.flightlog.report;

import org.jspecify.annotations.Nullable;

/**
 * The tool success rate (PRODUCT.md §4): ok / (ok + error). Denied and interrupted calls are
 * outcomes of their own, never errors, and pending calls have no outcome yet; none of them count.
 */
final class SuccessRate {
  private SuccessRate() {}

  /** The rate between 0 and 1, or null when there is no ok or failed call. */
  static @Nullable Double of(long ok, long errors) {
    long finished = ok + errors;
    return finished == 0 ? null : (double) ok / finished;
  }
}
