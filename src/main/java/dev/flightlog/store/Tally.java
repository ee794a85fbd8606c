package dev.flightlog.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed sums of a rollup's columns per period and key, added up from rows of several levels: a
 * local day is a UTC day's sums minus a time-of-day window of it plus the same window of the next
 * or previous day, so rows are added with a sign. A period and key whose record count adds up to
 * zero has no records and is left out of the result.
 */
final class Tally {

  /** The sums of one row or one period and key. */
  static final class Sums {
    private final long[] counts;
    private final double[] amounts;

    Sums(int width) {
      counts = new long[width];
      amounts = new double[width];
    }

    /** The sums of the columns from {@code first} on of the current row. */
    static Sums of(Rollup rollup, ResultSet rows, int first) throws SQLException {
      var sums = new Sums(rollup.width());
      for (int i = 0; i < rollup.width(); i++) {
        if (rollup.isAmount(i)) {
          sums.amounts[i] = rows.getDouble(first + i);
        } else {
          sums.counts[i] = rows.getLong(first + i);
        }
      }
      return sums;
    }

    void add(Sums other, int sign) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += sign * other.counts[i];
        amounts[i] += sign * other.amounts[i];
      }
    }

    /** The count summed in column {@code index} (0-based). */
    long count(int index) {
      return counts[index];
    }

    /** The amount summed in column {@code index} (0-based). */
    double amount(int index) {
      return amounts[index];
    }
  }

  /** Makes a result row of the sums of one period and key. */
  @FunctionalInterface
  interface RowMaker<T> {
    T make(long period, String key, Sums sums);
  }

  private record Key(long period, String key) {}

  private final Rollup rollup;
  private final Map<Key, Sums> sums = new HashMap<>();

  Tally(Rollup rollup) {
    this.rollup = rollup;
  }

  /** Adds {@code sign} × {@code row} to the sums of {@code period} and {@code key}. */
  void add(long period, String key, Sums row, int sign) {
    sums.computeIfAbsent(new Key(period, key), k -> new Sums(rollup.width())).add(row, sign);
  }

  /**
   * The rows of the periods and keys with records, ordered by period and key. An amount whose
   * records all cancelled out is exactly zero, not the rounding left by adding and subtracting.
   */
  <T> List<T> rows(RowMaker<T> maker) {
    var kept = new ArrayList<Map.Entry<Key, Sums>>();
    for (var entry : sums.entrySet()) {
      if (entry.getValue().counts[0] != 0) {
        kept.add(entry);
      }
    }
    kept.sort(
        Map.Entry.comparingByKey(Comparator.comparingLong(Key::period).thenComparing(Key::key)));
    var rows = new ArrayList<T>(kept.size());
    for (var entry : kept) {
      var value = entry.getValue();
      for (int i = 0; i < rollup.width(); i++) {
        if (rollup.isAmount(i) && value.counts[i + 1] == 0) {
          value.amounts[i] = 0;
        }
      }
      rows.add(maker.make(entry.getKey().period(), entry.getKey().key(), value));
    }
    return rows;
  }
}
