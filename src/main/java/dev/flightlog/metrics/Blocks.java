package dev.flightlog.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude's 5-hour usage blocks (PRODUCT.md §4, "Periods"), as its plans count them and as ccusage
 * shows them: a block starts at the whole UTC hour of the first activity not covered by the block
 * before it and covers 5 hours. Since a block starts at an activity, a gap of 5 hours or more
 * always starts a new block, and a block never starts in an hour without activity.
 */
public final class Blocks {
  private Blocks() {}

  /** The length of a block. */
  public static final Duration LENGTH = Duration.ofHours(5);

  private static final long HOUR_SECONDS = Duration.ofHours(1).toSeconds();

  /**
   * The blocks that cover activity at the given whole UTC hours (ascending, distinct): a block
   * starts at the first hour not covered by the previous block and covers 5 hours; its {@code last}
   * is the last of the given hours in it.
   *
   * @throws IllegalArgumentException if an hour is not a whole UTC hour, or the hours are not
   *     strictly ascending
   */
  public static List<Block> of(List<Instant> activeHours) {
    var blocks = new ArrayList<Block>();
    for (var hour : activeHours) {
      if (hour.getNano() != 0 || Math.floorMod(hour.getEpochSecond(), HOUR_SECONDS) != 0) {
        throw new IllegalArgumentException("not a whole UTC hour: " + hour);
      }
      var current = blocks.isEmpty() ? null : blocks.getLast();
      if (current != null && !hour.isAfter(current.last())) {
        throw new IllegalArgumentException(
            "the active hours must be ascending and distinct, but "
                + hour
                + " follows "
                + current.last());
      }
      if (current != null && hour.isBefore(current.end())) {
        blocks.set(blocks.size() - 1, new Block(current.start(), current.end(), hour));
      } else {
        blocks.add(new Block(hour, hour.plus(LENGTH), hour));
      }
    }
    return blocks;
  }
}
