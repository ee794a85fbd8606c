package dev.flightlog.store;

import static dev.flightlog.store.Rollup.BUCKETS_PER_DAY;
import static dev.flightlog.store.Rollup.BUCKETS_PER_HOUR;
import static dev.flightlog.store.Rollup.DAYS_PER_BLOCK;

import dev.flightlog.store.Rollup.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The sums of one rollup over a filter's range under a grouping, read from the coarsest levels that
 * give them exactly (see RATIONALE.md, "Rollups kept by triggers"), so the rows read grow with the
 * days and blocks in range rather than with its quarter hours:
 *
 * <ul>
 *   <li>a range's total is its whole blocks of 32 UTC days, the other whole UTC days, and the
 *       quarter hours at its edges;
 *   <li>a local day is a UTC day shifted by the zone's offset: the UTC day it overlaps most, minus
 *       the time-of-day window of that day that belongs to the local day before or after, plus the
 *       same window of the neighbouring UTC day. The window is read per hour of the day from the
 *       hour level and, for offsets that are not whole hours, at most two quarter hours per day
 *       from the 15-minute level, one index seek per day. A window is at most half a day, taken
 *       from whichever side of the UTC day is shorter. Each stretch of constant offset (the zone's
 *       transitions split them) is computed so; the partial local days at its edges are read from
 *       15-minute rows.
 * </ul>
 *
 * Rows whose time is unknown (bucket 0) or before 2 January 1970 are read from 15-minute rows only,
 * since the coarser levels put them in day 0 together. With a session in the filter, every sum is
 * computed from that session's raw rows at the 15-minute level.
 *
 * <p>The queries bind numbered parameters: {@code ?1}/{@code ?2} a range of the level's time key,
 * {@code ?3}/{@code ?4} a range of quarter hours of the day, {@code ?5}–{@code ?8} the filter (see
 * {@link FilterSql}), {@code ?9} the shift of buckets to local days. The {@code {name}} slots of
 * the SQL texts take only constant fragments, never input.
 */
final class RollupReads {

  /**
   * Local days of 15-minute rows are {@code (bucket + offset buckets + 96 × SHIFT_DAYS) / 96 -
   * SHIFT_DAYS}, so that SQLite's truncating division never sees a negative number.
   */
  private static final long SHIFT_DAYS = 1_000;

  /** The first UTC day the day, hour and block levels hold alone (day 0 holds unknown times). */
  private static final long FIRST_DAY = 1;

  private static final String RANGE =
      """
      SELECT {period} AS period, {key}, {sums}
        FROM {source}
       WHERE {time} >= ?1 AND {time} < ?2
         AND {filter}
       GROUP BY period, {key}
      """;

  /**
   * Hours of the day of UTC days {@code [?1, ?2)}, one key range per hour. Summed over the hours
   * here rather than read per hour in key order: sorting costs SQLite less than the four times as
   * many rows cost JDBC (~3.5 µs a row for its 17 columns).
   */
  private static final String HOURS =
      """
      SELECT day AS period, {key}, {sums}
        FROM {source}
       WHERE hour IN ({hours}) AND day >= ?1 AND day < ?2
         AND {filter}
       GROUP BY day, {key}
      """;

  /** Quarter hours {@code [?3, ?4)} of the day of UTC days {@code [?1, ?2)}, one seek per day. */
  private static final String QUARTERS_OF_DAYS =
      """
      WITH RECURSIVE days(day) AS (SELECT ?1 UNION ALL SELECT day + 1 FROM days WHERE day + 1 < ?2)
      SELECT days.day AS period, {key}, {sums}
        FROM days JOIN {source}
          ON bucket >= days.day * 96 + ?3 AND bucket < days.day * 96 + ?4
       WHERE {filter}
       GROUP BY period, {key}
      """;

  /**
   * The first and last known bucket; two subqueries, since SQLite looks up a lone {@code MIN} or
   * {@code MAX} in the index but scans the table for both at once.
   */
  private static final String BUCKET_BOUNDS =
      """
      SELECT (SELECT MIN(bucket) FROM {source} WHERE bucket > 0),
             (SELECT MAX(bucket) FROM {source} WHERE bucket > 0)
      """;

  private final Connection connection;
  private final Rollup rollup;
  private final Filter filter;
  private final Tally tally;

  /** The 15-minute rows: the rollup table, or a session's raw rows shaped like it. */
  private final String quarters;

  /** Whether the coarser levels may be read; not with a session in the filter. */
  private final boolean levels;

  private RollupReads(Connection connection, Rollup rollup, Filter filter) {
    this.connection = connection;
    this.rollup = rollup;
    this.filter = filter;
    this.tally = new Tally(rollup);
    this.levels = filter.session() == null;
    this.quarters = levels ? rollup.table(Level.QUARTER) : rollup.sessionRows();
  }

  /** The rows of {@code rollup} matching {@code filter} under {@code grouping}. */
  static <T> List<T> read(
      Connection connection,
      Rollup rollup,
      Filter filter,
      Grouping grouping,
      Tally.RowMaker<T> maker)
      throws SQLException {
    var reads = new RollupReads(connection, rollup, filter);
    long from = filter.sinceBucket();
    long to = filter.untilBucket();
    switch (grouping) {
      case Grouping.Total() -> reads.total(from, to);
      case Grouping.Buckets() -> reads.quarters(from, to, "bucket", Period.BUCKET);
      case Grouping.Days(var zone) -> reads.days(zone, from, to);
    }
    return reads.tally.rows(maker);
  }

  /** How the period a query returns becomes the period of a result row. */
  private enum Period {
    TOTAL,
    BUCKET,
    UNKNOWN_TIME,
    SHIFTED_DAY;

    long of(long period) {
      return switch (this) {
        case TOTAL -> 0;
        case BUCKET -> period == 0 ? Grouping.UNKNOWN_TIME : period;
        case UNKNOWN_TIME -> Grouping.UNKNOWN_TIME;
        case SHIFTED_DAY -> period - SHIFT_DAYS;
      };
    }
  }

  /** The total of buckets {@code [from, to)}: whole blocks and days, quarter hours at the edges. */
  private void total(long from, long to) throws SQLException {
    long firstDay = Math.max(FIRST_DAY, Math.ceilDiv(from, BUCKETS_PER_DAY));
    long endDay = Math.floorDiv(to, BUCKETS_PER_DAY);
    if (!levels || firstDay >= endDay) {
      quarters(from, to, "0", Period.TOTAL);
      return;
    }
    quarters(from, firstDay * BUCKETS_PER_DAY, "0", Period.TOTAL);
    quarters(endDay * BUCKETS_PER_DAY, to, "0", Period.TOTAL);
    long firstBlock = Math.ceilDiv(firstDay, DAYS_PER_BLOCK);
    long endBlock = Math.floorDiv(endDay, DAYS_PER_BLOCK);
    if (firstBlock >= endBlock) {
      totalOf(Level.DAY, firstDay, endDay);
      return;
    }
    totalOf(Level.DAY, firstDay, firstBlock * DAYS_PER_BLOCK);
    totalOf(Level.BLOCK, firstBlock, endBlock);
    totalOf(Level.DAY, endBlock * DAYS_PER_BLOCK, endDay);
  }

  private void totalOf(Level level, long from, long to) throws SQLException {
    if (from >= to) {
      return;
    }
    var time = level == Level.DAY ? "day" : "block";
    var sql = fill(RANGE, rollup.table(level)).replace("{time}", time).replace("{period}", "0");
    query(sql, from, to, (period, key, row) -> tally.add(0, key, row, 1));
  }

  /** The rows of buckets {@code [from, to)} grouped by {@code period}. */
  private void quarters(long from, long to, String period, Period map) throws SQLException {
    quarters(from, to, period, map, 0);
  }

  private void quarters(long from, long to, String period, Period map, long shift)
      throws SQLException {
    if (from >= to) {
      return;
    }
    var sql = fill(RANGE, quarters).replace("{time}", "bucket").replace("{period}", period);
    query(sql, from, to, 0, 0, shift, (p, key, row) -> tally.add(map.of(p), key, row, 1));
  }

  /** Local days of {@code zone} of buckets {@code [from, to)}; unknown times are a period. */
  private void days(ZoneId zone, long from, long to) throws SQLException {
    if (from <= 0 && to > 0) {
      quarters(0, 1, "0", Period.UNKNOWN_TIME);
    }
    long[] bounds = bounds();
    if (bounds.length == 0) {
      return;
    }
    long lo = Math.max(Math.max(from, 1), bounds[0]);
    long hi = Math.min(to, bounds[1] + 1);
    for (var stretch : stretches(zone, lo, hi)) {
      localDays(stretch);
    }
  }

  /**
   * The local days of one stretch of constant offset: its whole local days from the day rollup and
   * the corrections of a time-of-day window, the partial local days at its edges from 15-minute
   * rows. The local day of bucket {@code b} is {@code floor((b + offset) / 96)}, so local day
   * {@code L} starts {@code start} quarter hours into UTC day {@code L + shift}, where {@code
   * -offset = 96 × shift + start}.
   */
  private void localDays(Stretch stretch) throws SQLException {
    long offset = stretch.offsetBuckets();
    long first = Math.ceilDiv(stretch.from() + offset, BUCKETS_PER_DAY);
    long end = Math.floorDiv(stretch.to() + offset, BUCKETS_PER_DAY);
    long shift = Math.floorDiv(-offset, BUCKETS_PER_DAY);
    int start = (int) Math.floorMod(-offset, BUCKETS_PER_DAY);
    // Local day L is UTC day L + base with a window moved. Heads: base is the UTC day L starts in,
    // less its quarter hours [0, start), plus those of the next UTC day. Tails, when the rest of
    // the day is the shorter window: base is the next UTC day, less its quarter hours [start, 96),
    // plus those of the UTC day before.
    boolean heads = start <= BUCKETS_PER_DAY / 2;
    long base = heads ? shift : shift + 1;
    int neighbour = heads ? 1 : -1;
    long firstUtcDay = first + base + Math.min(0, neighbour);
    long endUtcDay = end + base + Math.max(0, neighbour);
    if (!levels || first >= end || firstUtcDay < FIRST_DAY) {
      localQuarters(stretch.from(), stretch.to(), offset);
      return;
    }
    localQuarters(stretch.from(), first * BUCKETS_PER_DAY - offset, offset);
    localQuarters(end * BUCKETS_PER_DAY - offset, stretch.to(), offset);
    var days = fill(RANGE, rollup.table(Level.DAY)).replace("{time}", "day");
    query(
        days.replace("{period}", "day"),
        first + base,
        end + base,
        (day, key, row) -> tally.add(day - base, key, row, 1));
    if (start == 0) {
      return;
    }
    WindowRow move =
        (day, key, row, sign) -> {
          if (day >= first + base && day < end + base) {
            tally.add(day - base, key, row, -sign);
          }
          if (day - neighbour >= first + base && day - neighbour < end + base) {
            tally.add(day - neighbour - base, key, row, sign);
          }
        };
    int windowFrom = heads ? 0 : start;
    int windowTo = heads ? start : (int) BUCKETS_PER_DAY;
    for (var piece : pieces(windowFrom, windowTo, rollup.has(Level.HOUR))) {
      RowSink sink = (day, key, row) -> move.add(day, key, row, piece.sign());
      if (piece.hours()) {
        var hours = new StringBuilder();
        for (long hour = piece.from(); hour < piece.to(); hour++) {
          hours.append(hours.isEmpty() ? "" : ", ").append(hour);
        }
        var sql = fill(HOURS, rollup.table(Level.HOUR)).replace("{hours}", hours.toString());
        query(sql, firstUtcDay, endUtcDay, sink);
      } else {
        var sql = fill(QUARTERS_OF_DAYS, quarters);
        query(sql, firstUtcDay, endUtcDay, piece.from(), piece.to(), 0, sink);
      }
    }
  }

  /** The 15-minute rows of buckets {@code [from, to)} by local day, at a constant offset. */
  private void localQuarters(long from, long to, long offset) throws SQLException {
    quarters(
        from, to, "(bucket + ?9) / 96", Period.SHIFTED_DAY, offset + BUCKETS_PER_DAY * SHIFT_DAYS);
  }

  @FunctionalInterface
  private interface WindowRow {
    void add(long day, String key, Tally.Sums row, int sign);
  }

  /**
   * Part of a time-of-day window: hours {@code [from, to)} of the day, or quarter hours {@code
   * [from, to)} of the day, added ({@code sign} 1) or subtracted (-1).
   */
  record Piece(boolean hours, long from, long to, int sign) {}

  /**
   * The pieces that add up to quarter hours {@code [from, to)} of the day: whole hours from the
   * hour level, each end rounded to the nearest hour (half an hour towards the inside of the
   * window, which reads one hour less for the same two quarter hours), and the at most two quarter
   * hours each end is off by; all quarter hours when the rollup has no hour level or the window no
   * whole hour.
   */
  static List<Piece> pieces(int from, int to, boolean hours) {
    var pieces = new ArrayList<Piece>();
    long firstHour = Math.floorDiv(from + 2, BUCKETS_PER_HOUR);
    long endHour = Math.floorDiv(to + 1, BUCKETS_PER_HOUR);
    if (!hours || firstHour >= endHour) {
      pieces.add(new Piece(false, from, to, 1));
      return pieces;
    }
    pieces.add(new Piece(true, firstHour, endHour, 1));
    long hourFrom = firstHour * BUCKETS_PER_HOUR;
    long hourTo = endHour * BUCKETS_PER_HOUR;
    if (hourFrom < from) {
      pieces.add(new Piece(false, hourFrom, from, -1));
    } else if (hourFrom > from) {
      pieces.add(new Piece(false, from, hourFrom, 1));
    }
    if (hourTo > to) {
      pieces.add(new Piece(false, to, hourTo, -1));
    } else if (hourTo < to) {
      pieces.add(new Piece(false, hourTo, to, 1));
    }
    return pieces;
  }

  @FunctionalInterface
  private interface RowSink {
    void accept(long period, String key, Tally.Sums row);
  }

  private String fill(String sql, String source) {
    return sql.replace("{source}", source)
        .replace("{key}", rollup.key())
        .replace("{sums}", rollup.sums())
        .replace("{filter}", rollup.filter());
  }

  private void query(String sql, long from, long to, RowSink sink) throws SQLException {
    query(sql, from, to, 0, 0, 0, sink);
  }

  /**
   * Runs a query with its time range {@code ?1}/{@code ?2}, quarter hours of the day {@code
   * ?3}/{@code ?4}, shift {@code ?9} and the filter, passing each row to {@code sink}.
   */
  private void query(
      String sql, long from, long to, long quarterFrom, long quarterTo, long shift, RowSink sink)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      bind(statement, from, to, quarterFrom, quarterTo, shift);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          sink.accept(rows.getLong(1), rows.getString(2), Tally.Sums.of(rollup, rows, 3));
        }
      }
    }
  }

  private void bind(
      PreparedStatement statement, long from, long to, long quarterFrom, long quarterTo, long shift)
      throws SQLException {
    int count = statement.getParameterMetaData().getParameterCount();
    for (int index = 1; index <= count; index++) {
      switch (index) {
        case 1 -> statement.setLong(1, from);
        case 2 -> statement.setLong(2, to);
        case 3 -> statement.setLong(3, quarterFrom);
        case 4 -> statement.setLong(4, quarterTo);
        case 5, 6, 7, 8 -> FilterSql.bind(statement, index, filter);
        case 9 -> statement.setLong(9, shift);
        default -> throw new IllegalStateException("unexpected parameter ?" + index);
      }
    }
  }

  /** The first and last non-zero bucket of the rollup, or an empty array when it has none. */
  private long[] bounds() throws SQLException {
    var sql = BUCKET_BOUNDS.replace("{source}", rollup.table(Level.QUARTER));
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      if (rows.next()) {
        long min = rows.getLong(1);
        if (!rows.wasNull()) {
          return new long[] {min, rows.getLong(2)};
        }
      }
      return new long[0];
    }
  }

  /** A range of buckets {@code [from, to)} over which a zone's UTC offset is constant. */
  record Stretch(long from, long to, long offsetBuckets) {}

  /**
   * Splits {@code [from, to)} into stretches of constant offset in {@code zone}. A bucket belongs
   * to the stretch of the offset in force at its start.
   */
  static List<Stretch> stretches(ZoneId zone, long from, long to) {
    var stretches = new ArrayList<Stretch>();
    var rules = zone.getRules();
    long start = from;
    while (start < to) {
      var instant = Instant.ofEpochMilli(start * Filter.BUCKET_MS);
      long offsetBuckets =
          Math.floorDiv(rules.getOffset(instant).getTotalSeconds() * 1000L, Filter.BUCKET_MS);
      var next = rules.nextTransition(instant);
      long end =
          next == null
              ? to
              : Math.min(to, Math.ceilDiv(next.toEpochSecond() * 1000, Filter.BUCKET_MS));
      if (end <= start) {
        end = start + 1;
      }
      stretches.add(new Stretch(start, end, offsetBuckets));
      start = end;
    }
    return stretches;
  }
}
