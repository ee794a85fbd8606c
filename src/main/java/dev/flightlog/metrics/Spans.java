package dev.flightlog.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of time, as sorted disjoint half-open intervals {@code [from, to)} of epoch milliseconds:
 * what flow measures, so that overlapping intervals count once.
 */
final class Spans {
  private static final Spans EMPTY = new Spans(List.of());

  /** Sorted, disjoint, not touching, each with from &lt; to. */
  private final List<long[]> intervals;

  private Spans(List<long[]> intervals) {
    this.intervals = intervals;
  }

  static Spans empty() {
    return EMPTY;
  }

  /** The union of intervals given as {@code {from, to}} pairs; empty ones are ignored. */
  static Spans of(List<long[]> pairs) {
    var sorted = new ArrayList<long[]>();
    for (var pair : pairs) {
      if (pair[0] < pair[1]) {
        sorted.add(new long[] {pair[0], pair[1]});
      }
    }
    sorted.sort(Comparator.comparingLong((long[] pair) -> pair[0]));
    var merged = new ArrayList<long[]>();
    for (var pair : sorted) {
      if (!merged.isEmpty() && merged.getLast()[1] >= pair[0]) {
        var last = merged.getLast();
        last[1] = Math.max(last[1], pair[1]);
      } else {
        merged.add(pair);
      }
    }
    return new Spans(List.copyOf(merged));
  }

  Spans plus(Spans other) {
    var all = new ArrayList<long[]>(intervals);
    all.addAll(other.intervals);
    return of(all);
  }

  /** This time without the other's. */
  Spans minus(Spans other) {
    var result = new ArrayList<long[]>();
    for (var interval : intervals) {
      long from = interval[0];
      long to = interval[1];
      for (var cut : other.intervals) {
        if (cut[1] <= from || cut[0] >= to) {
          continue;
        }
        if (cut[0] > from) {
          result.add(new long[] {from, cut[0]});
        }
        from = Math.max(from, cut[1]);
        if (from >= to) {
          break;
        }
      }
      if (from < to) {
        result.add(new long[] {from, to});
      }
    }
    return of(result);
  }

  /** This time within {@code [from, to)}. */
  Spans clip(long from, long to) {
    var result = new ArrayList<long[]>();
    for (var interval : intervals) {
      result.add(new long[] {Math.max(from, interval[0]), Math.min(to, interval[1])});
    }
    return of(result);
  }

  /** The milliseconds covered. */
  long length() {
    long sum = 0;
    for (var interval : intervals) {
      sum += interval[1] - interval[0];
    }
    return sum;
  }
}
