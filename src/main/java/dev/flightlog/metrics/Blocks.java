package dev.flightlog.metrics;

import java.time.Instant;
import java.util.List;

/** Claude's 5-hour usage blocks (PRODUCT.md §4, "Periods"). */
public final class Blocks {
  private Blocks() {}

  /**
   * The blocks that cover activity at the given whole UTC hours (ascending, distinct): a block
   * starts at the first hour not covered by the previous block and covers 5 hours.
   */
  public static List<Block> of(List<Instant> activeHours) {
    return List.of(); // replaced by the metrics branch
  }
}
