package dev.flightlog.report;

import dev.flightlog.store.DurationHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Duration percentiles, by the nearest-rank method over binned durations (docs/metrics.md, "Tool
 * durations"): the p-th percentile of n calls is the lower bound of the bin of the call at rank ⌈p
 * × n / 100⌉ (1-based) in duration order. A bin is the duration rounded down to three significant
 * digits ({@link DurationHistogram#bin}), so the percentile is the exact nearest-rank value below
 * 1,000 ms and less than 1 % under it above. The durations are those of finished calls that have
 * one (measured by the agent, else end − start). Binning is what lets the rollups keep them: an
 * exact percentile cannot be summed from rollups, a histogram can.
 */
final class Percentiles {
  private Percentiles() {}

  /** The {@code percent}-th percentile of {@code histogram}, or null when it is empty. */
  static @Nullable Long nearestRank(DurationHistogram histogram, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("a percentile is between 1 and 100, not " + percent);
    }
    long calls = histogram.total();
    if (calls == 0) {
      return null;
    }
    long rank = Math.max(1, (percent * calls + 99) / 100);
    return histogram.atRank(rank);
  }
}
