package dev.flightlog.store;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The finished tool calls of one tool by duration bin: the bins' lower bounds in ascending order,
 * each with how many calls fall in it (docs/metrics.md, "Tool durations"). A bin is {@link #bin}:
 * the duration rounded down to three significant digits, so exact below 1,000 ms and less than 1 %
 * under every duration in it above.
 */
public final class DurationHistogram {

  /** Durations below this many ms are their own bin. */
  public static final long EXACT_BELOW = 1_000;

  private final long[] bins;
  private final long[] counts;
  private final long total;

  /**
   * @param bins ascending, distinct bin lower bounds
   * @param counts the calls of each bin, each positive
   */
  DurationHistogram(long[] bins, long[] counts) {
    if (bins.length != counts.length) {
      throw new IllegalArgumentException("a count per bin: " + bins.length + " bins");
    }
    long sum = 0;
    for (int i = 0; i < bins.length; i++) {
      if (counts[i] <= 0 || (i > 0 && bins[i] <= bins[i - 1])) {
        throw new IllegalArgumentException("bins ascend and hold calls; bin " + bins[i] + " not");
      }
      sum += counts[i];
    }
    this.bins = bins.clone();
    this.counts = counts.clone();
    this.total = sum;
  }

  /**
   * The bin of a duration in ms: the duration rounded down to three significant digits — itself
   * below {@value #EXACT_BELOW} ms (and when negative), 1,230 for 1,234, 98,700 for 98,765.
   * 004-durations.sql computes the same as the column {@code tool_calls.duration_bin}.
   */
  public static long bin(long durationMs) {
    if (durationMs < EXACT_BELOW) {
      return durationMs;
    }
    long unit = 1;
    while (durationMs / unit >= EXACT_BELOW) {
      unit *= 10;
    }
    return durationMs / unit * unit;
  }

  /** The histogram of these durations, one call each. */
  public static DurationHistogram of(long... durationsMs) {
    var sorted = durationsMs.clone();
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = bin(sorted[i]);
    }
    Arrays.sort(sorted);
    var bins = new long[sorted.length];
    var counts = new long[sorted.length];
    int size = 0;
    for (long value : sorted) {
      if (size > 0 && bins[size - 1] == value) {
        counts[size - 1]++;
      } else {
        bins[size] = value;
        counts[size++] = 1;
      }
    }
    return new DurationHistogram(Arrays.copyOf(bins, size), Arrays.copyOf(counts, size));
  }

  /** How many calls the histogram holds. */
  public long total() {
    return total;
  }

  /**
   * The lower bound of the bin of the call at {@code rank} (1-based) when the calls are ordered by
   * duration.
   */
  public long atRank(long rank) {
    if (rank < 1 || rank > total) {
      throw new IllegalArgumentException("rank " + rank + " is not in 1.." + total);
    }
    long seen = 0;
    for (int i = 0; i < bins.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return bins[i];
      }
    }
    throw new IllegalStateException("the counts add up to " + total);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DurationHistogram that
        && Arrays.equals(bins, that.bins)
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bins) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    var text = new StringBuilder("{");
    for (int i = 0; i < bins.length; i++) {
      text.append(i == 0 ? "" : ", ").append(bins[i]).append('×').append(counts[i]);
    }
    return text.append('}').toString();
  }
}
