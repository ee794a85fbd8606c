package dev.flightlog.store;

import dev.flightlog.ThreadFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.metrics.Call;
import dev.flightlog.metrics.Episode;
import dev.flightlog.metrics.ErrorSignature;
import dev.flightlog.metrics.Flow;
import dev.flightlog.metrics.Recovery;
import dev.flightlog.metrics.Request;
import dev.flightlog.metrics.SessionLog;
import dev.flightlog.metrics.Signal;
import dev.flightlog.metrics.Turn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the derived tables of migration 003 ({@code tool_errors}, {@code episodes}, {@code turns})
 * equal to the definitions of package {@code metrics} applied to each session's raw rows. The
 * triggers mark a session dirty when a row it owns changes; {@link #refresh()} loads each dirty
 * session, computes its error signatures, recovery episodes and turn flow, replaces its derived
 * rows and clears its mark in the same transaction (see RATIONALE.md, "Derived tables recomputed
 * per session"). The session's channel coverage (migration 006's {@code session_coverage}) is
 * recounted in SQL by {@link CoverageRow#DERIVE} in the same step. Owned by the writer thread.
 */
final class Derive implements AutoCloseable {

  /** Sessions recomputed per transaction, so a large backlog does not hold the writer for long. */
  private static final int SESSIONS_PER_TRANSACTION = 200;

  /** The longest example error line kept, in characters. */
  static final int EXAMPLE_LENGTH = 200;

  private static final Pattern EXIT_CODE_LINE =
      Pattern.compile("exit code -?\\d+", Pattern.CASE_INSENSITIVE);

  private static final String DIRTY = "SELECT agent, session_id FROM derive_dirty LIMIT ?";

  private static final String PROMPTS =
      """
      SELECT prompt_id, started_at, ended_at, project FROM prompts
       WHERE agent = ? AND session_id = ?
       ORDER BY started_at IS NULL, started_at, prompt_id
      """;

  private static final String CALLS =
      """
      SELECT tool_use_id, thread_id, prompt_id, tool, status, error, summary, started_at,
             ended_at, measured_ms, project
        FROM tool_calls
       WHERE agent = ? AND session_id = ?
       ORDER BY COALESCE(started_at, ended_at) IS NULL, COALESCE(started_at, ended_at),
                tool_use_id
      """;

  private static final String REQUESTS =
      """
      SELECT thread_id, prompt_id, at FROM model_requests
       WHERE agent = ? AND session_id = ?
       ORDER BY at IS NULL, at, message_id, request_id
      """;

  /** The hook events flow reads; the same list as the triggers of migration 003. */
  private static final String SIGNALS =
      """
      SELECT event, received_at,
             CASE WHEN json = 1 AND json_valid(payload)
                  THEN json_extract(payload, '$.prompt_id') END
        FROM hook_events
       WHERE agent = ? AND session_id = ? AND event IN ('PermissionRequest', 'Notification')
       ORDER BY received_at, sha256
      """;

  private static final List<String> DELETES =
      List.of(
          "DELETE FROM tool_errors WHERE agent = ? AND session_id = ?",
          "DELETE FROM error_sessions WHERE agent = ? AND session_id = ?",
          "DELETE FROM episodes WHERE agent = ? AND session_id = ?",
          "DELETE FROM turns WHERE agent = ? AND session_id = ?",
          "DELETE FROM session_coverage WHERE agent = ? AND session_id = ?",
          "DELETE FROM derive_dirty WHERE agent = ? AND session_id = ?");

  private static final String SIGNATURE_INSERT =
      """
      INSERT INTO error_signatures (tool, category, signature) VALUES (?, ?, ?)
      ON CONFLICT (tool, category, signature) DO NOTHING
      """;

  private static final String SIGNATURE_ID =
      "SELECT id FROM error_signatures WHERE tool = ? AND category = ? AND signature = ?";

  private static final String TOOL_ERROR =
      """
      INSERT INTO tool_errors (agent, tool_use_id, session_id, project, signature_id, status,
                               example, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String ERROR_SESSION =
      """
      INSERT INTO error_sessions (signature_id, agent, session_id, project, mixed, first_at,
                                  last_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String EPISODE =
      """
      INSERT INTO episodes (agent, session_id, seq, project, thread_id, prompt_id, signature_id,
                            file, outcome, failures, attempts, at, recovery_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 0), ?)
      """;

  private static final String TURN =
      """
      INSERT INTO turns (agent, session_id, seq, prompt_id, project, at, ended_at,
                         wall_ms, tool_ms, model_ms, waiting_ms, other_ms, calls,
                         longest_streak, idle_before_ms)
      VALUES (?, ?, ?, ?, ?, COALESCE(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /** One session's rows as the definitions see them, with the projects of its calls and turns. */
  record Loaded(
      SessionLog log, Map<String, String> callProjects, Map<String, String> promptProjects) {}

  private final Connection connection;
  private final PreparedStatement dirty;
  private final PreparedStatement prompts;
  private final PreparedStatement calls;
  private final PreparedStatement requests;
  private final PreparedStatement signals;
  private final List<PreparedStatement> deletes;
  private final PreparedStatement signatureInsert;
  private final PreparedStatement signatureId;
  private final PreparedStatement toolError;
  private final PreparedStatement errorSession;
  private final PreparedStatement episode;
  private final PreparedStatement turn;
  private final PreparedStatement coverage;
  private final List<PreparedStatement> all;

  /** Signature ids known to be committed; cleared when a transaction rolls back. */
  private final Map<ErrorSignature, Long> signatureIds = new HashMap<>();

  Derive(Connection connection) throws SQLException {
    this.connection = connection;
    dirty = connection.prepareStatement(DIRTY);
    prompts = connection.prepareStatement(PROMPTS);
    calls = connection.prepareStatement(CALLS);
    requests = connection.prepareStatement(REQUESTS);
    signals = connection.prepareStatement(SIGNALS);
    var prepared = new ArrayList<PreparedStatement>();
    for (var sql : DELETES) {
      prepared.add(connection.prepareStatement(sql));
    }
    deletes = List.copyOf(prepared);
    signatureInsert = connection.prepareStatement(SIGNATURE_INSERT);
    signatureId = connection.prepareStatement(SIGNATURE_ID);
    toolError = connection.prepareStatement(TOOL_ERROR);
    errorSession = connection.prepareStatement(ERROR_SESSION);
    episode = connection.prepareStatement(EPISODE);
    turn = connection.prepareStatement(TURN);
    coverage = connection.prepareStatement(CoverageRow.DERIVE);
    var every = new ArrayList<PreparedStatement>(deletes);
    every.addAll(
        List.of(
            dirty,
            prompts,
            calls,
            requests,
            signals,
            signatureInsert,
            signatureId,
            toolError,
            errorSession,
            episode,
            turn,
            coverage));
    all = List.copyOf(every);
  }

  /**
   * Forgets the signature ids it has looked up, after signatures were deleted (see {@link Scrub});
   * the next refresh looks them up or inserts them again.
   */
  void forgetSignatures() {
    signatureIds.clear();
  }

  /**
   * Recomputes every dirty session, {@value #SESSIONS_PER_TRANSACTION} per transaction; returns how
   * many. On failure the current transaction is rolled back and its sessions stay dirty.
   */
  int refresh() throws SQLException {
    int done = 0;
    while (true) {
      var keys = new ArrayList<List<String>>();
      dirty.setInt(1, SESSIONS_PER_TRANSACTION);
      try (var rows = dirty.executeQuery()) {
        while (rows.next()) {
          keys.add(List.of(rows.getString(1), rows.getString(2)));
        }
      }
      if (keys.isEmpty()) {
        // end the read transaction the query began, so the next one sees every later commit
        connection.commit();
        return done;
      }
      try {
        for (var key : keys) {
          recompute(key.get(0), key.get(1));
        }
        toolError.executeBatch();
        errorSession.executeBatch();
        episode.executeBatch();
        turn.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        toolError.clearBatch();
        errorSession.clearBatch();
        episode.clearBatch();
        turn.clearBatch();
        signatureIds.clear();
        connection.rollback();
        throw e;
      }
      done += keys.size();
    }
  }

  private void recompute(String agent, String session) throws SQLException {
    for (var delete : deletes) {
      delete.setString(1, agent);
      delete.setString(2, session);
      delete.executeUpdate();
    }
    coverage.setString(1, agent);
    coverage.setString(2, session);
    coverage.executeUpdate();
    var loaded = load(agent, session);
    var log = loaded.log();
    record Pair(String project, boolean mixed, long first, long last) {
      Pair merge(Pair other) {
        return new Pair(
            project,
            mixed || other.mixed || !project.equals(other.project),
            Math.min(first, other.first),
            Math.max(last, other.last));
      }
    }
    var pairs = new LinkedHashMap<Long, Pair>();
    for (var call : log.calls()) {
      var signature = ErrorSignature.of(call.tool(), call.status(), call.error());
      if (signature != null) {
        var project = loaded.callProjects().getOrDefault(call.toolUseId(), "");
        long id = signatureId(signature);
        var time = call.startedAt() != null ? call.startedAt() : call.endedAt();
        long at = time == null ? 0 : time.toEpochMilli();
        toolError.setString(1, agent);
        toolError.setString(2, call.toolUseId());
        toolError.setString(3, session);
        toolError.setString(4, project);
        toolError.setLong(5, id);
        toolError.setString(6, call.status().wireName());
        setText(toolError, 7, example(call.error()));
        toolError.setLong(8, at);
        toolError.addBatch();
        pairs.merge(id, new Pair(project, false, at, at), Pair::merge);
      }
    }
    for (var pair : pairs.entrySet()) {
      errorSession.setLong(1, pair.getKey());
      errorSession.setString(2, agent);
      errorSession.setString(3, session);
      errorSession.setString(4, pair.getValue().project());
      errorSession.setInt(5, pair.getValue().mixed() ? 1 : 0);
      errorSession.setLong(6, pair.getValue().first());
      errorSession.setLong(7, pair.getValue().last());
      errorSession.addBatch();
    }
    var firstFailures = firstFailureProjects(loaded);
    int seq = 0;
    for (var e : Recovery.episodes(log)) {
      episode.setString(1, agent);
      episode.setString(2, session);
      episode.setInt(3, seq++);
      episode.setString(4, firstFailures.getOrDefault(failureKey(e), ""));
      episode.setString(5, e.threadId());
      episode.setString(6, e.promptId());
      episode.setLong(7, signatureId(e.first()));
      setText(episode, 8, e.file());
      episode.setString(9, e.outcome().wireName());
      episode.setInt(10, e.failures());
      episode.setInt(11, e.attempts());
      setTime(episode, 12, e.startedAt());
      setLong(episode, 13, e.recoveryMs());
      episode.addBatch();
    }
    seq = 0;
    for (var flow : Flow.turns(log)) {
      turn.setString(1, agent);
      turn.setString(2, session);
      turn.setInt(3, seq++);
      turn.setString(4, flow.promptId());
      turn.setString(5, turnProject(loaded, flow.promptId()));
      setTime(turn, 6, flow.startedAt());
      setTime(turn, 7, flow.endedAt());
      setLong(turn, 8, flow.wallMs());
      setLong(turn, 9, flow.toolMs());
      setLong(turn, 10, flow.modelMs());
      setLong(turn, 11, flow.waitingMs());
      setLong(turn, 12, otherMs(flow.wallMs(), flow.toolMs(), flow.modelMs(), flow.waitingMs()));
      turn.setInt(13, flow.calls());
      turn.setInt(14, flow.longestStreak());
      setLong(turn, 15, flow.idleBeforeMs());
      turn.addBatch();
    }
  }

  /**
   * The project of a turn: its prompt's; for the calls of an unknown turn (no prompt row), the
   * project of the first of them that has one, so a project filter selects the same turns as a
   * session filter.
   */
  private static String turnProject(Loaded loaded, String promptId) {
    var project = loaded.promptProjects().get(promptId);
    if (project != null) {
      return project;
    }
    for (var call : loaded.log().calls()) {
      var callProject = loaded.callProjects().getOrDefault(call.toolUseId(), "");
      if (call.promptId().equals(promptId) && !callProject.isEmpty()) {
        return callProject;
      }
    }
    return "";
  }

  /** Loads one session's turns, calls, model requests and waiting signals. */
  Loaded load(String agent, String session) throws SQLException {
    for (var statement : List.of(prompts, calls, requests, signals)) {
      statement.setString(1, agent);
      statement.setString(2, session);
    }
    var turns = new ArrayList<Turn>();
    var promptProjects = new HashMap<String, String>();
    try (var rows = prompts.executeQuery()) {
      while (rows.next()) {
        var id = rows.getString(1);
        turns.add(new Turn(id, instant(rows, 2), instant(rows, 3)));
        promptProjects.put(id, rows.getString(4));
      }
    }
    var callList = new ArrayList<Call>();
    var callProjects = new HashMap<String, String>();
    try (var rows = calls.executeQuery()) {
      while (rows.next()) {
        var id = rows.getString(1);
        callList.add(
            new Call(
                id,
                thread(rows.getString(2)),
                Objects.requireNonNullElse(rows.getString(3), ""),
                Objects.requireNonNullElse(rows.getString(4), ""),
                ToolStatus.fromWireName(rows.getString(5)),
                rows.getString(6),
                rows.getString(7),
                instant(rows, 8),
                instant(rows, 9),
                nullableLong(rows, 10)));
        callProjects.put(id, rows.getString(11));
      }
    }
    var requestList = new ArrayList<Request>();
    try (var rows = requests.executeQuery()) {
      while (rows.next()) {
        requestList.add(
            new Request(
                thread(rows.getString(1)),
                Objects.requireNonNullElse(rows.getString(2), ""),
                instant(rows, 3)));
      }
    }
    var signalList = new ArrayList<Signal>();
    try (var rows = signals.executeQuery()) {
      while (rows.next()) {
        var at = Instant.ofEpochMilli(rows.getLong(2));
        var promptId = rows.getString(3);
        signalList.add(
            new Signal(rows.getString(1), promptId != null ? promptId : turnAt(turns, at), at));
      }
    }
    return new Loaded(
        new SessionLog(turns, callList, requestList, signalList), callProjects, promptProjects);
  }

  /** The thread id as the definitions take it: {@code ""} for the main thread. */
  private static String thread(@Nullable String stored) {
    return stored == null || stored.equals(ThreadFact.MAIN) ? "" : stored;
  }

  /**
   * The turn a hook event without a prompt id belongs to: the last one started at or before it,
   * else {@code ""}. {@code turns} is in start order, unknown starts last.
   */
  private static String turnAt(List<Turn> turns, Instant at) {
    var id = "";
    for (var turn : turns) {
      if (turn.startedAt() == null || turn.startedAt().isAfter(at)) {
        break;
      }
      id = turn.promptId();
    }
    return id;
  }

  /** What identifies an episode's first failed call among the session's calls. */
  private record FailureKey(
      String threadId, String promptId, String tool, @Nullable Instant startedAt) {}

  private static FailureKey failureKey(Episode episode) {
    return new FailureKey(
        episode.threadId(), episode.promptId(), episode.tool(), episode.startedAt());
  }

  /** The project of the first failed call with each key, in the calls' order. */
  private static Map<FailureKey, String> firstFailureProjects(Loaded loaded) {
    var projects = new HashMap<FailureKey, String>();
    for (var call : loaded.log().calls()) {
      if (call.status() == ToolStatus.ERROR) {
        var key =
            new FailureKey(
                call.threadId(),
                call.promptId(),
                call.tool(),
                call.startedAt() != null ? call.startedAt() : call.endedAt());
        projects.putIfAbsent(key, loaded.callProjects().getOrDefault(call.toolUseId(), ""));
      }
    }
    return projects;
  }

  /**
   * The time of a turn that is neither tool, model nor waiting time: wall − tool − model − waiting,
   * never negative; null when one of them is unknown.
   */
  static @Nullable Long otherMs(
      @Nullable Long wall, @Nullable Long tool, @Nullable Long model, @Nullable Long waiting) {
    if (wall == null || tool == null || model == null || waiting == null) {
      return null;
    }
    return Math.max(0, wall - tool - model - waiting);
  }

  /**
   * An example of an error as the catalog shows it: the first non-blank line of the text without
   * Claude Code's {@code <tool_use_error>} wrapper, skipping a bare "Exit code N" line when another
   * follows, cut at {@value #EXAMPLE_LENGTH} characters; null when there is no text.
   */
  static @Nullable String example(@Nullable String error) {
    if (error == null) {
      return null;
    }
    var text = error.replace("<tool_use_error>", "").replace("</tool_use_error>", "");
    String first = null;
    for (var line : text.split("\n", -1)) {
      var stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = stripped;
      }
      if (!EXIT_CODE_LINE.matcher(stripped).matches()) {
        first = stripped;
        break;
      }
    }
    if (first == null || first.length() <= EXAMPLE_LENGTH) {
      return first;
    }
    int end = EXAMPLE_LENGTH - 1;
    if (Character.isHighSurrogate(first.charAt(end - 1))) {
      end--;
    }
    return first.substring(0, end) + "…";
  }

  private long signatureId(ErrorSignature signature) throws SQLException {
    var known = signatureIds.get(signature);
    if (known != null) {
      return known;
    }
    for (var statement : List.of(signatureInsert, signatureId)) {
      statement.setString(1, signature.tool());
      statement.setString(2, signature.category().wireName());
      statement.setString(3, signature.firstLine());
    }
    signatureInsert.executeUpdate();
    long id;
    try (var rows = signatureId.executeQuery()) {
      if (!rows.next()) {
        throw new StoreException("an error signature vanished while it was stored: " + signature);
      }
      id = rows.getLong(1);
    }
    signatureIds.put(signature, id);
    return id;
  }

  private static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
    return Reads.instant(rows, column);
  }

  private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  private static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    FilterSql.setText(statement, index, value);
  }

  private static void setTime(PreparedStatement statement, int index, @Nullable Instant value)
      throws SQLException {
    FactWriter.setTime(statement, index, value);
  }

  private static void setLong(PreparedStatement statement, int index, @Nullable Long value)
      throws SQLException {
    FactWriter.setLong(statement, index, value);
  }

  @Override
  public void close() throws SQLException {
    for (var statement : all) {
      statement.close();
    }
  }
}
