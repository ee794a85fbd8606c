package dev.flightlog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Re-applies redaction rules to every stored text that can hold content a secret may be in (the
 * retroactive scrub of {@code flightlog redact}): tool call inputs, summaries, errors and output
 * excerpts, prompt texts, hook payloads, subagent descriptions, metric series, schema drift names
 * and the last detail of each skip count. Identifiers, paths, models and times are not scanned.
 *
 * <p>Each table is read in key order a page at a time; only changed rows are updated, and the
 * secrets replaced are added to {@code redactions} with source {@code retroactive}, each page in
 * one transaction with its updates. The derived tables computed from text (error signatures and
 * examples, episodes) are brought up to date afterwards, and signatures no row refers to any more
 * (they were computed from the text before) are deleted.
 */
public final class Scrub {

  /** The source of the counts a scrub adds to {@code redactions}. */
  public static final String SOURCE = "retroactive";

  private static final int PAGE = 500;

  /**
   * A text after the rules ran over it.
   *
   * @param text the text with each secret replaced by its marker
   * @param counts the secrets replaced, by their kind's wire name; empty when none
   */
  public record Rewrite(String text, Map<String, Integer> counts) {
    public Rewrite {
      counts = Map.copyOf(counts);
    }
  }

  /**
   * What a scrub found (and, unless it was a dry run, changed).
   *
   * @param rows the rows read
   * @param changed the rows whose text changed
   * @param secrets the secrets replaced, by kind, sorted by kind
   */
  public record Summary(long rows, long changed, Map<String, Long> secrets) {
    public Summary {
      secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    }
  }

  /**
   * One table's scanned texts.
   *
   * @param agent the SQL of the row's agent for the counts
   * @param session the SQL of the row's session id for the counts ('' when it has none)
   * @param replace whether the rewritten column is part of the key (a rewritten key that meets an
   *     existing row replaces it)
   */
  private record Target(
      String table,
      List<String> keys,
      List<String> texts,
      String agent,
      String session,
      boolean replace) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target(
              "tool_calls",
              List.of("agent", "tool_use_id"),
              List.of("input", "summary", "error", "output_excerpt"),
              "agent",
              "session_id",
              false),
          new Target(
              "prompts",
              List.of("agent", "prompt_id"),
              List.of("text"),
              "agent",
              "session_id",
              false),
          new Target(
              "threads",
              List.of("agent", "session_id", "thread_id"),
              List.of("description"),
              "agent",
              "session_id",
              false),
          new Target(
              "hook_events",
              List.of("sha256"),
              List.of("payload"),
              "agent",
              "COALESCE(session_id, '')",
              false),
          new Target(
              "metric_points",
              List.of("agent", "name", "series", "at"),
              List.of("series"),
              "agent",
              "COALESCE(session_id, '')",
              true),
          new Target(
              "schema_drift",
              List.of("agent", "agent_version", "kind", "name"),
              List.of("name"),
              "agent",
              "''",
              true),
          new Target(
              "ingest_skips",
              List.of("channel", "reason"),
              List.of("last_detail"),
              "''",
              "''",
              false));

  private static final String UNREFERENCED_SIGNATURES =
      """
      DELETE FROM error_signatures
       WHERE id NOT IN (SELECT signature_id FROM tool_errors)
         AND id NOT IN (SELECT signature_id FROM error_sessions)
         AND id NOT IN (SELECT signature_id FROM episodes)
      """;

  private final Connection connection;
  private final Function<String, Rewrite> rules;
  private final boolean dryRun;
  private final long at;
  private final AtomicLong done;
  private long changed;
  private final Map<String, Long> secrets = new TreeMap<>();

  private Scrub(
      Connection connection,
      Function<String, Rewrite> rules,
      boolean dryRun,
      Instant at,
      AtomicLong done) {
    this.connection = connection;
    this.rules = rules;
    this.dryRun = dryRun;
    this.at = at.toEpochMilli();
    this.done = done;
  }

  /** How many rows a scrub reads: the total of its progress. */
  static long rows(Connection connection) throws SQLException {
    long rows = 0;
    try (var statement = connection.createStatement()) {
      for (var target : TARGETS) {
        try (var result = statement.executeQuery("SELECT COUNT(*) FROM " + target.table())) {
          rows += result.next() ? result.getLong(1) : 0;
        }
      }
      connection.commit();
    }
    return rows;
  }

  /**
   * Runs the scrub on the writer connection; {@code done} counts the rows read. A dry run changes
   * nothing.
   */
  static Summary run(
      Connection connection,
      Derive derive,
      Function<String, Rewrite> rules,
      boolean dryRun,
      Instant at,
      AtomicLong done)
      throws SQLException {
    var scrub = new Scrub(connection, rules, dryRun, at, done);
    try {
      for (var target : TARGETS) {
        scrub.table(target);
      }
      if (!dryRun && scrub.changed > 0) {
        derive.refresh();
        try (var statement = connection.createStatement()) {
          statement.executeUpdate(UNREFERENCED_SIGNATURES);
        }
        derive.forgetSignatures();
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
    return new Summary(done.get(), scrub.changed, scrub.secrets);
  }

  private void table(Target target) throws SQLException {
    var keys = String.join(", ", target.keys());
    var select =
        "SELECT "
            + keys
            + ", "
            + target.agent()
            + ", "
            + target.session()
            + ", "
            + String.join(", ", target.texts())
            + " FROM "
            + target.table()
            + " {where} ORDER BY "
            + keys
            + " LIMIT "
            + PAGE;
    var after =
        "WHERE ("
            + keys
            + ") > ("
            + String.join(", ", Collections.nCopies(target.keys().size(), "?"))
            + ")";
    var update =
        "UPDATE "
            + (target.replace() ? "OR REPLACE " : "")
            + target.table()
            + " SET "
            + String.join(", ", target.texts().stream().map(c -> c + " = ?").toList())
            + " WHERE "
            + String.join(" AND ", target.keys().stream().map(c -> c + " = ?").toList());
    int keyCount = target.keys().size();
    int textCount = target.texts().size();
    try (var first = connection.prepareStatement(select.replace("{where}", ""));
        var next = connection.prepareStatement(select.replace("{where}", after));
        var rewrite = connection.prepareStatement(update);
        var counts = FactWriter.prepareRedactions(connection)) {
      List<Object> last = null;
      while (true) {
        var statement = first;
        if (last != null) {
          statement = next;
          for (int i = 0; i < keyCount; i++) {
            statement.setObject(i + 1, last.get(i));
          }
        }
        int read = 0;
        var found = new LinkedHashMap<List<String>, Integer>();
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            read++;
            var key = new ArrayList<Object>(keyCount);
            for (int i = 0; i < keyCount; i++) {
              key.add(rows.getObject(i + 1));
            }
            last = key;
            var texts = new ArrayList<String>(textCount);
            boolean rowChanged = false;
            for (int i = 0; i < textCount; i++) {
              var text = rows.getString(keyCount + 3 + i);
              if (text != null) {
                var result = rules.apply(text);
                if (!result.counts().isEmpty()) {
                  rowChanged = true;
                  var agent = rows.getString(keyCount + 1);
                  var session = rows.getString(keyCount + 2);
                  result
                      .counts()
                      .forEach(
                          (kind, n) -> found.merge(List.of(agent, session, kind), n, Integer::sum));
                  text = result.text();
                }
              }
              texts.add(text);
            }
            if (rowChanged) {
              changed++;
            }
            if (rowChanged && !dryRun) {
              for (int i = 0; i < textCount; i++) {
                rewrite.setString(i + 1, texts.get(i));
              }
              for (int i = 0; i < keyCount; i++) {
                rewrite.setObject(textCount + i + 1, key.get(i));
              }
              rewrite.addBatch();
            }
            done.incrementAndGet();
          }
        }
        found.forEach((key, n) -> secrets.merge(key.get(2), (long) n, Long::sum));
        if (!dryRun && !found.isEmpty()) {
          rewrite.executeBatch();
          for (var entry : found.entrySet()) {
            add(counts, entry.getKey(), entry.getValue());
          }
          counts.executeBatch();
        }
        connection.commit();
        if (read < PAGE) {
          return;
        }
      }
    }
  }

  private void add(PreparedStatement counts, List<String> key, int n) throws SQLException {
    counts.setString(1, key.get(0));
    counts.setString(2, key.get(1));
    counts.setString(3, SOURCE);
    counts.setString(4, key.get(2));
    counts.setLong(5, n);
    counts.setLong(6, at);
    counts.setLong(7, at);
    counts.addBatch();
  }
}
