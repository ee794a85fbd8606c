package dev.flightlog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The duration histograms of the tool calls a filter selects, per tool (see {@link
 * DurationHistogram}). Without a project or session in the filter, the whole 32-day blocks in range
 * are read from {@code tool_duration_block} (004-durations.sql), a few thousand rows per block
 * whatever the calls; the rest of the range — the partial blocks at its edges, and times before the
 * first block — and every range with a project or session are counted from the raw rows, binned and
 * grouped by SQLite, through the {@code tool_calls_started} (or the session's) index. Both count
 * the same calls: finished (not pending), with a duration, whose time (start, else end) is in the
 * range widened to whole quarter hours like every read (see {@link Filter}).
 */
final class DurationReads {

  /** The quarter hours of a 32-day block of the tool rollups and {@code tool_duration_block}. */
  static final long BUCKETS_PER_BLOCK = Rollup.BUCKETS_PER_DAY * Rollup.DAYS_PER_BLOCK;

  /** One session's raw tool calls, as in {@link Reads}. */
  private static final String SESSION_ROWS =
      "(SELECT * FROM tool_calls WHERE agent IN ({agents}) AND session_id = ?8)"
          .replace("{agents}", FilterSql.AGENTS);

  /** Blocks {@code [?1, ?2)}, summed over blocks in key order (tool, bin) without a sort. */
  private static final String BLOCKS =
      """
      SELECT tool, bin, SUM(calls)
        FROM tool_duration_block
       WHERE block >= ?1 AND block < ?2 AND (?6 IS NULL OR agent = ?6)
       GROUP BY tool, bin
      """;

  /**
   * Raw rows of times {@code [?3, ?4)} ms; the time condition is {@code Reads}'s, written so that
   * the {@code tool_calls_started} index serves it.
   */
  private static final String RAW =
      """
      SELECT COALESCE(tool, ''), duration_bin, COUNT(*)
        FROM {source}
       WHERE ((started_at >= ?3 AND started_at < ?4)
           OR (started_at IS NULL AND COALESCE(ended_at, 0) >= ?3 AND COALESCE(ended_at, 0) < ?4))
         AND status <> 'pending'
         AND duration_bin IS NOT NULL
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
       GROUP BY 1, 2
      """
          .replace("{project}", FilterSql.PROJECT);

  private final Connection connection;
  private final Filter filter;
  private final Map<String, TreeMap<Long, Long>> counts = new HashMap<>();

  private DurationReads(Connection connection, Filter filter) {
    this.connection = connection;
    this.filter = filter;
  }

  /** The histograms per tool ({@code ""} for an unknown tool); tools without calls are absent. */
  static Map<String, DurationHistogram> read(Connection connection, Filter filter)
      throws SQLException {
    var reads = new DurationReads(connection, filter);
    reads.range(filter.sinceBucket(), filter.untilBucket());
    var histograms = new TreeMap<String, DurationHistogram>();
    reads.counts.forEach(
        (tool, bins) -> {
          var lower = new long[bins.size()];
          var calls = new long[bins.size()];
          int i = 0;
          for (var bin : bins.entrySet()) {
            lower[i] = bin.getKey();
            calls[i++] = bin.getValue();
          }
          histograms.put(tool, new DurationHistogram(lower, calls));
        });
    return histograms;
  }

  /** Quarter hours {@code [from, to)}: whole blocks from the histogram table where it may serve. */
  private void range(long from, long to) throws SQLException {
    if (filter.project() == null && filter.session() == null) {
      // Block 0 also holds the calls of unknown time, which only a range from the start includes.
      long firstBlock = Math.max(1, Math.ceilDiv(from, BUCKETS_PER_BLOCK));
      long endBlock = Math.floorDiv(to, BUCKETS_PER_BLOCK);
      if (firstBlock < endBlock) {
        raw(from, firstBlock * BUCKETS_PER_BLOCK);
        add(BLOCKS, firstBlock, endBlock);
        raw(endBlock * BUCKETS_PER_BLOCK, to);
        return;
      }
    }
    raw(from, to);
  }

  private void raw(long from, long to) throws SQLException {
    if (from < to) {
      var source = filter.session() == null ? "tool_calls" : SESSION_ROWS;
      add(RAW.replace("{source}", source), from, to);
    }
  }

  /** Runs a query of {@code (tool, bin, calls)} rows over {@code [from, to)} and adds them up. */
  private void add(String sql, long from, long to) throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      Reads.bind(statement, filter, from, to, 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          long calls = rows.getLong(3);
          counts
              .computeIfAbsent(rows.getString(1), tool -> new TreeMap<>())
              .merge(rows.getLong(2), calls, Long::sum);
        }
      }
    }
  }
}
