package dev.flightlog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The duration histograms of the tool calls a filter selects, per tool (see {@link
 * DurationHistogram}). Without a project or session in the filter, the whole 32-day blocks in range
 * are read from {@code tool_duration_block} (004-durations.sql), a few thousand rows per block
 * whatever the calls; the rest of the range — the partial blocks at its edges, and times before the
 * first block — and every range with a project or session are counted from the raw rows, binned and
 * grouped by SQLite, through the {@code tool_calls_started} index, the session's, or with a project
 * the {@code tool_calls_project} index, once per stored project the filter's project matches. Both
 * count the same calls: finished (not pending), with a duration, whose time (start, else end) is in
 * the range widened to whole quarter hours like every read (see {@link Filter}).
 */
final class DurationReads {

  /** The quarter hours of a 32-day block of the tool rollups and {@code tool_duration_block}. */
  static final long BUCKETS_PER_BLOCK = Rollup.BUCKETS_PER_DAY * Rollup.DAYS_PER_BLOCK;

  /** One session's raw tool calls, as in {@link Reads}. */
  private static final String SESSION_ROWS =
      "(SELECT * FROM tool_calls WHERE agent IN ({agents}) AND session_id = ?8)"
          .replace("{agents}", FilterSql.AGENTS);

  /**
   * Blocks {@code [?1, ?2)}, summed over blocks in key order (tool, bin): the order asked for is
   * the order read, so neither the grouping nor the ordering sorts.
   */
  private static final String BLOCKS =
      """
      SELECT tool, bin, SUM(calls)
        FROM tool_duration_block
       WHERE block >= ?1 AND block < ?2 AND (?6 IS NULL OR agent = ?6)
       GROUP BY tool, bin
       ORDER BY tool, bin
      """;

  /**
   * The durations of the raw rows of times {@code [?3, ?4)} ms, binned by the reader: a {@code
   * GROUP BY} here would sort them, which costs SQLite more than handing them over (145 ms instead
   * of 86 ms for 80 k rows). The time condition is {@code Reads}'s, written so that the {@code
   * tool_calls_started} index serves it.
   */
  private static final String RAW =
      """
      SELECT COALESCE(tool, ''), duration_ms
        FROM {source}
       WHERE ((started_at >= ?3 AND started_at < ?4)
           OR (started_at IS NULL AND COALESCE(ended_at, 0) >= ?3 AND COALESCE(ended_at, 0) < ?4))
         AND status <> 'pending'
         AND duration_ms IS NOT NULL
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
      """
          .replace("{project}", FilterSql.PROJECT);

  /**
   * The projects of the tool calls that the filter's project matches, from the small block table.
   */
  private static final String PROJECTS =
      "SELECT DISTINCT project FROM tool_block WHERE " + FilterSql.PROJECT;

  /**
   * As {@link #RAW} for the calls of one project {@code ?9}, through the {@code tool_calls_project}
   * index (005-analytics-reads.sql): one index range for the calls with a start, one for those
   * without, so only the project's calls in range are read.
   */
  private static final String PROJECT_RAW =
      """
      SELECT COALESCE(tool, ''), duration_ms
        FROM tool_calls INDEXED BY tool_calls_project
       WHERE project = ?9 AND started_at >= ?3 AND started_at < ?4
         AND status <> 'pending' AND duration_ms IS NOT NULL AND (?6 IS NULL OR agent = ?6)
      UNION ALL
      SELECT COALESCE(tool, ''), duration_ms
        FROM tool_calls INDEXED BY tool_calls_project
       WHERE project = ?9 AND started_at IS NULL
         AND COALESCE(ended_at, 0) >= ?3 AND COALESCE(ended_at, 0) < ?4
         AND status <> 'pending' AND duration_ms IS NOT NULL AND (?6 IS NULL OR agent = ?6)
      """;

  private final Connection connection;
  private final Filter filter;
  private final Map<String, Bins> counts = new HashMap<>();

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
    reads.counts.forEach((tool, bins) -> histograms.put(tool, bins.histogram()));
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
        blocks(firstBlock, endBlock);
        raw(endBlock * BUCKETS_PER_BLOCK, to);
        return;
      }
    }
    raw(from, to);
  }

  private void raw(long from, long to) throws SQLException {
    if (from < to && filter.project() != null && filter.session() == null) {
      for (var project : projects()) {
        try (var statement = connection.prepareStatement(PROJECT_RAW)) {
          Reads.bind(statement, filter, from, to, 0);
          statement.setString(9, project);
          read(statement);
        }
      }
    } else if (from < to) {
      var source = filter.session() == null ? "tool_calls" : SESSION_ROWS;
      try (var statement = connection.prepareStatement(RAW.replace("{source}", source))) {
        Reads.bind(statement, filter, from, to, 0);
        read(statement);
      }
    }
  }

  private void read(PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      while (rows.next()) {
        bins(rows.getString(1)).raw(DurationHistogram.bin(rows.getLong(2)));
      }
    }
  }

  /** The stored projects that the filter's project matches (see {@link Filter}, "Project"). */
  private List<String> projects() throws SQLException {
    var projects = new ArrayList<String>();
    try (var statement = connection.prepareStatement(PROJECTS)) {
      FilterSql.bind(statement, 5, filter);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          projects.add(rows.getString(1));
        }
      }
    }
    return projects;
  }

  /** Adds the bin counts of whole blocks {@code [from, to)}. */
  private void blocks(long from, long to) throws SQLException {
    try (var statement = connection.prepareStatement(BLOCKS)) {
      Reads.bind(statement, filter, from, to, 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          bins(rows.getString(1)).counted(rows.getLong(2), rows.getLong(3));
        }
      }
    }
  }

  private Bins bins(String tool) {
    return counts.computeIfAbsent(tool, t -> new Bins());
  }

  /**
   * One tool's bins as they are read: counts per bin from the blocks, in ascending bin order, and
   * the bins of raw calls one by one (sorted at the end: cheaper than a map per call).
   */
  private static final class Bins {
    private long[] raw = new long[16];
    private int rawSize;
    private long[] blockBins = new long[16];
    private long[] blockCounts = new long[16];
    private int blockSize;

    void raw(long bin) {
      if (rawSize == raw.length) {
        raw = Arrays.copyOf(raw, rawSize * 2);
      }
      raw[rawSize++] = bin;
    }

    void counted(long bin, long calls) {
      if (blockSize == blockBins.length) {
        blockBins = Arrays.copyOf(blockBins, blockSize * 2);
        blockCounts = Arrays.copyOf(blockCounts, blockSize * 2);
      }
      blockBins[blockSize] = bin;
      blockCounts[blockSize++] = calls;
    }

    /** The raw bins sorted and counted, merged with the block counts. */
    DurationHistogram histogram() {
      Arrays.sort(raw, 0, rawSize);
      var bins = new long[rawSize + blockSize];
      var calls = new long[rawSize + blockSize];
      int size = 0;
      int r = 0;
      int b = 0;
      while (r < rawSize || b < blockSize) {
        long bin;
        long count;
        if (b == blockSize || (r < rawSize && raw[r] < blockBins[b])) {
          bin = raw[r++];
          count = 1;
        } else {
          bin = blockBins[b];
          count = blockCounts[b++];
        }
        if (size > 0 && bins[size - 1] == bin) {
          calls[size - 1] += count;
        } else {
          bins[size] = bin;
          calls[size++] = count;
        }
      }
      return new DurationHistogram(Arrays.copyOf(bins, size), Arrays.copyOf(calls, size));
    }
  }
}
