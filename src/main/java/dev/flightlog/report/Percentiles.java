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
    long calls = histogram.total();
    return calls == 0 ? null : histogram.atRank(rank(calls, percent));
  }

  /**
   * The exact {@code percent}-th percentile of ascending {@code sorted} (one of its values, not
   * rounded), or null when it is empty: for counts and times that are few enough to read whole,
   * such as recovery episodes.
   */
  static @Nullable Long nearestRank(long[] sorted, int percent) {
    return sorted.length == 0 ? null : sorted[(int) rank(sorted.length, percent) - 1];
  }

  /** The 1-based nearest rank ⌈p × n / 100⌉ of the {@code percent}-th percentile of n values. */
  private static long rank(long n, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("a percentile is between 1 and 100, not " + percent);
    }
    return Math.max(1, (percent * n + 99) / 100);
  }
}
