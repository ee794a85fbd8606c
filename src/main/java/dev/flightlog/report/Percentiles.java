package dev.flightlog.report;

import dev.flightlog.store.DurationHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Duration percentiles (docs/metrics.md, "Tool durations"): the nearest-rank percentile — the
 * duration at rank ⌈p × n / 100⌉ (1-based) of n ascending — rounded down to three significant
 * digits. It is computed over a histogram of durations already rounded so ({@link
 * DurationHistogram#bin}): rounding down never reorders durations, so the rounded value at that
 * rank is the exact percentile rounded. The durations are those of finished calls that have one
 * (measured by the agent, else end − start). Binning is what lets the rollups keep them: an exact
 * percentile cannot be summed from parts, a histogram can.
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
