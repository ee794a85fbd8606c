package dev.flightlog.report;

import org.jspecify.annotations.Nullable;

/**
 * Duration percentiles, by the nearest-rank method: the p-th percentile of n sorted values is the
 * value at rank ⌈p × n / 100⌉ (1-based), always one of the observed durations. The durations are
 * those of finished calls that have one (measured by the agent, else end − start); they are read
 * from the raw rows, since an exact percentile cannot be summed from rollups.
 */
final class Percentiles {
  private Percentiles() {}

  /** The {@code percent}-th percentile of ascending {@code sorted}, or null when it is empty. */
  static @Nullable Long nearestRank(long[] sorted, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("a percentile is between 1 and 100, not " + percent);
    }
    if (sorted.length == 0) {
      return null;
    }
    long rank = Math.max(1, ((long) percent * sorted.length + 99) / 100);
    return sorted[(int) rank - 1];
  }
}
