package dev.flightlog.store;

import java.util.List;

/**
 * The two rollups of 001-records.sql — usage (from model requests) and tool calls — and what the
 * reads need to know of each: its table at each level of time, its key column, its summed columns
 * in order, which of them are amounts (REAL; each is followed by the count of the records it sums),
 * and the rollup-shaped rows of one session, computed from its raw rows by the triggers'
 * definitions.
 */
enum Rollup {
  USAGE(
      "usage",
      "model",
      List.of(
          "requests",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_write_5m_tokens",
          "cache_write_1h_tokens",
          "agent_cost_usd",
          "agent_cost_requests",
          "rest_input_tokens",
          "rest_output_tokens",
          "rest_cache_read_tokens",
          "rest_cache_write_5m_tokens",
          "rest_cache_write_1h_tokens",
          "rest_state_cost_usd",
          "rest_state_cost_requests"),
      // agent_cost_usd and rest_state_cost_usd
      (1L << 6) | (1L << 13),
      true,
      """
      (SELECT COALESCE(at, 0) / 900000 AS bucket, agent, project, model, 1 AS requests,
              input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
              cache_write_1h_tokens,
              COALESCE(agent_cost_usd, 0) AS agent_cost_usd,
              (agent_cost_usd IS NOT NULL) AS agent_cost_requests,
              CASE WHEN agent_cost_usd IS NULL THEN input_tokens ELSE 0 END AS rest_input_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN output_tokens ELSE 0 END AS rest_output_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_read_tokens ELSE 0 END
                AS rest_cache_read_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_write_5m_tokens ELSE 0 END
                AS rest_cache_write_5m_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_write_1h_tokens ELSE 0 END
                AS rest_cache_write_1h_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN COALESCE(state_cost_usd, 0) ELSE 0 END
                AS rest_state_cost_usd,
              (agent_cost_usd IS NULL AND state_cost_usd IS NOT NULL) AS rest_state_cost_requests
         FROM model_requests
        WHERE agent IN ({agents}) AND session_id = ?8)
      """),
  TOOLS(
      "tool",
      "tool",
      List.of("calls", "ok", "errors", "denied", "interrupted"),
      0,
      false,
      """
      (SELECT COALESCE(started_at, ended_at, 0) / 900000 AS bucket, agent, project,
              COALESCE(tool, '') AS tool, 1 AS calls, (status = 'ok') AS ok,
              (status = 'error') AS errors, (status = 'denied') AS denied,
              (status = 'interrupted') AS interrupted
         FROM tool_calls
        WHERE agent IN ({agents}) AND session_id = ?8)
      """);

  /** A level of time a rollup is kept at; every level is in UTC. */
  enum Level {
    /** 15-minute buckets, keyed by {@code bucket}. */
    QUARTER,
    /** Hours of the UTC day, keyed by {@code (hour, day)}; usage only. */
    HOUR,
    /** UTC days, keyed by {@code day}. */
    DAY,
    /** Blocks of {@link Rollup#DAYS_PER_BLOCK} UTC days, keyed by {@code block}. */
    BLOCK
  }

  static final long BUCKETS_PER_HOUR = 4;
  static final long BUCKETS_PER_DAY = 96;
  static final long DAYS_PER_BLOCK = 32;

  private final String prefix;
  private final String key;
  private final int width;
  private final String sums;
  private final String columns;
  private final long amounts;
  private final boolean hours;
  private final String sessionRows;

  Rollup(
      String prefix,
      String key,
      List<String> columns,
      long amounts,
      boolean hours,
      String sessionRows) {
    this.prefix = prefix;
    this.key = key;
    this.width = columns.size();
    var sums = new StringBuilder();
    for (var column : columns) {
      sums.append(sums.isEmpty() ? "" : ", ").append("SUM(").append(column).append(')');
    }
    this.sums = sums.toString();
    this.columns = String.join(", ", columns);
    this.amounts = amounts;
    this.hours = hours;
    this.sessionRows = sessionRows.replace("{agents}", FilterSql.AGENTS);
  }

  /** Whether this rollup is kept at {@code level}. */
  boolean has(Level level) {
    return level != Level.HOUR || hours;
  }

  /** The table of this rollup at {@code level}. */
  String table(Level level) {
    return prefix
        + switch (level) {
          case QUARTER -> "_rollup";
          case HOUR -> "_hour";
          case DAY -> "_day";
          case BLOCK -> "_block";
        };
  }

  /** The key column after the time: the model or the tool. */
  String key() {
    return key;
  }

  /** How many columns are summed; the first counts the records. */
  int width() {
    return width;
  }

  /**
   * Whether summed column {@code index} (0-based) is an amount (REAL) rather than a count; the
   * column after an amount counts the records it sums.
   */
  boolean isAmount(int index) {
    return (amounts & (1L << index)) != 0;
  }

  /** {@code SUM(c)} of every summed column, in order. */
  String sums() {
    return sums;
  }

  /** The summed columns themselves, in order, for reads that sum them in Java. */
  String columns() {
    return columns;
  }

  /** The filter on the rollup's rows: project, agent, and for usage the model. */
  String filter() {
    return FilterSql.PROJECT
        + " AND (?6 IS NULL OR agent = ?6)"
        + (this == USAGE ? " AND (?7 IS NULL OR model = ?7)" : "");
  }

  /**
   * A subquery of the rollup-shaped rows of the session {@code ?8}, one per record, with the
   * columns of the {@link Level#QUARTER} table.
   */
  String sessionRows() {
    return sessionRows;
  }
}
