package dev.flightlog.store;

import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.FilePosition;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.Redacted;
import dev.flightlog.SessionFact;
import dev.flightlog.Skip;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges facts into records with {@code INSERT … ON CONFLICT} on their natural keys. Each merge
 * rule is order-independent, so a fact that arrives twice, late, or through another channel changes
 * nothing it should not (see RATIONALE.md, "Merging"). Owned by the writer thread.
 */
final class FactWriter implements AutoCloseable {

  private static final String SESSION =
      """
      INSERT INTO sessions (agent, session_id, project, git_branch, agent_version,
                            first_seen, last_seen, ended_at, end_reason, sources)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, session_id) DO UPDATE SET
        project = COALESCE(sessions.project, excluded.project),
        git_branch = COALESCE(excluded.git_branch, sessions.git_branch),
        agent_version = COALESCE(excluded.agent_version, sessions.agent_version),
        first_seen = MIN(COALESCE(sessions.first_seen, excluded.first_seen),
                         COALESCE(excluded.first_seen, sessions.first_seen)),
        last_seen = MAX(COALESCE(sessions.last_seen, excluded.last_seen),
                        COALESCE(excluded.last_seen, sessions.last_seen)),
        ended_at = MAX(COALESCE(sessions.ended_at, excluded.ended_at),
                       COALESCE(excluded.ended_at, sessions.ended_at)),
        end_reason = COALESCE(sessions.end_reason, excluded.end_reason),
        sources = sessions.sources | excluded.sources
      """;

  private static final String THREAD =
      """
      INSERT INTO threads (agent, session_id, thread_id, agent_type, description,
                           parent_tool_use_id, model, first_seen, last_seen, sources)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, session_id, thread_id) DO UPDATE SET
        agent_type = COALESCE(threads.agent_type, excluded.agent_type),
        description = COALESCE(threads.description, excluded.description),
        parent_tool_use_id = COALESCE(threads.parent_tool_use_id, excluded.parent_tool_use_id),
        model = COALESCE(threads.model, excluded.model),
        first_seen = MIN(COALESCE(threads.first_seen, excluded.first_seen),
                         COALESCE(excluded.first_seen, threads.first_seen)),
        last_seen = MAX(COALESCE(threads.last_seen, excluded.last_seen),
                        COALESCE(excluded.last_seen, threads.last_seen)),
        sources = threads.sources | excluded.sources
      """;

  private static final String PROMPT =
      """
      INSERT INTO prompts (agent, prompt_id, session_id, text, started_at, ended_at, project,
                           sources)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, prompt_id) DO UPDATE SET
        text = COALESCE(prompts.text, excluded.text),
        started_at = MIN(COALESCE(prompts.started_at, excluded.started_at),
                         COALESCE(excluded.started_at, prompts.started_at)),
        ended_at = MAX(COALESCE(prompts.ended_at, excluded.ended_at),
                       COALESCE(excluded.ended_at, prompts.ended_at)),
        project = CASE WHEN prompts.project = '' THEN excluded.project ELSE prompts.project END,
        sources = prompts.sources | excluded.sources
      """;

  private static final String TOOL_CALL =
      """
      INSERT INTO tool_calls (agent, tool_use_id, session_id, thread_id, prompt_id, tool,
                              mcp_server, input, summary, status, status_rank, error,
                              output_excerpt, output_bytes, started_at, ended_at, measured_ms,
                              project, message_id, sources, start_rank, end_rank,
                              measured_rank)
      {staged}
      ON CONFLICT (agent, tool_use_id) DO UPDATE SET
        thread_id = COALESCE(tool_calls.thread_id, excluded.thread_id),
        prompt_id = COALESCE(tool_calls.prompt_id, excluded.prompt_id),
        tool = COALESCE(tool_calls.tool, excluded.tool),
        mcp_server = COALESCE(tool_calls.mcp_server, excluded.mcp_server),
        input = COALESCE(tool_calls.input, excluded.input),
        summary = COALESCE(tool_calls.summary, excluded.summary),
        status = CASE WHEN excluded.status_rank > tool_calls.status_rank
                      THEN excluded.status ELSE tool_calls.status END,
        error = CASE WHEN excluded.status_rank > tool_calls.status_rank THEN excluded.error
                     WHEN excluded.status_rank < tool_calls.status_rank THEN tool_calls.error
                     ELSE COALESCE(tool_calls.error, excluded.error) END,
        status_rank = MAX(tool_calls.status_rank, excluded.status_rank),
        output_excerpt = COALESCE(tool_calls.output_excerpt, excluded.output_excerpt),
        output_bytes = COALESCE(tool_calls.output_bytes, excluded.output_bytes),
        started_at = CASE
          WHEN excluded.start_rank > tool_calls.start_rank THEN excluded.started_at
          WHEN excluded.start_rank < tool_calls.start_rank THEN tool_calls.started_at
          ELSE MIN(COALESCE(tool_calls.started_at, excluded.started_at),
                   COALESCE(excluded.started_at, tool_calls.started_at)) END,
        start_rank = MAX(tool_calls.start_rank, excluded.start_rank),
        ended_at = CASE
          WHEN excluded.end_rank > tool_calls.end_rank THEN excluded.ended_at
          WHEN excluded.end_rank < tool_calls.end_rank THEN tool_calls.ended_at
          ELSE MAX(COALESCE(tool_calls.ended_at, excluded.ended_at),
                   COALESCE(excluded.ended_at, tool_calls.ended_at)) END,
        end_rank = MAX(tool_calls.end_rank, excluded.end_rank),
        measured_ms = CASE
          WHEN excluded.measured_rank > tool_calls.measured_rank THEN excluded.measured_ms
          WHEN excluded.measured_rank < tool_calls.measured_rank THEN tool_calls.measured_ms
          ELSE MAX(COALESCE(tool_calls.measured_ms, excluded.measured_ms),
                   COALESCE(excluded.measured_ms, tool_calls.measured_ms)) END,
        measured_rank = MAX(tool_calls.measured_rank, excluded.measured_rank),
        project = CASE WHEN tool_calls.project = '' THEN excluded.project
                       ELSE tool_calls.project END,
        message_id = COALESCE(tool_calls.message_id, excluded.message_id),
        sources = tool_calls.sources | excluded.sources
      """;

  /**
   * A call never ends before it starts. Start and end come from different observations (PreToolUse
   * and PostToolUse are stamped when they arrive), so a wall clock stepped back between the two
   * would leave the end first; the end is then the start plus the duration the agent measured. Runs
   * after each merge, on the calls just merged (their primary keys).
   */
  private static final String END_AFTER_START =
      """
      UPDATE tool_calls SET ended_at = started_at + COALESCE(measured_ms, 0)
       WHERE (agent, tool_use_id) IN (SELECT agent, tool_use_id FROM temp.staged_tool_calls)
         AND ended_at < started_at
      """;

  /**
   * A request is one row per request id when the id is known (OTLP knows only the request id, the
   * transcript both), else per message id. Token counts of a higher-ranked channel replace those of
   * a lower one; equal ranks keep the largest counts (the transcript's final snapshot).
   */
  private static final String MODEL_REQUEST =
      """
      INSERT INTO model_requests (agent, message_id, request_id, session_id, thread_id,
                                  prompt_id, model, input_tokens, output_tokens,
                                  cache_read_tokens, cache_write_5m_tokens,
                                  cache_write_1h_tokens, at, project, agent_cost_usd, sources,
                                  usage_rank)
      {staged}
      ON CONFLICT (agent, request_id) WHERE request_id <> '' DO UPDATE SET {merge}
      ON CONFLICT (agent, message_id, request_id) DO UPDATE SET {merge}
      """
          .replace(
              "{merge}",
              """
        message_id = CASE WHEN model_requests.message_id = '' THEN excluded.message_id
                          ELSE model_requests.message_id END,
        thread_id = COALESCE(model_requests.thread_id, excluded.thread_id),
        prompt_id = COALESCE(model_requests.prompt_id, excluded.prompt_id),
        model = CASE WHEN model_requests.model = '' THEN excluded.model
                     ELSE model_requests.model END,
        input_tokens = {pick input_tokens},
        output_tokens = {pick output_tokens},
        cache_read_tokens = {pick cache_read_tokens},
        cache_write_5m_tokens = {pick cache_write_5m_tokens},
        cache_write_1h_tokens = {pick cache_write_1h_tokens},
        usage_rank = MAX(model_requests.usage_rank, excluded.usage_rank),
        at = MIN(COALESCE(model_requests.at, excluded.at),
                 COALESCE(excluded.at, model_requests.at)),
        project = CASE WHEN model_requests.project = '' THEN excluded.project
                       ELSE model_requests.project END,
        agent_cost_usd = COALESCE(excluded.agent_cost_usd, model_requests.agent_cost_usd),
        sources = model_requests.sources | excluded.sources
      """)
          .replaceAll(
              "\\{pick (\\w+)}",
              """
              CASE WHEN excluded.usage_rank > model_requests.usage_rank THEN excluded.$1
                   WHEN excluded.usage_rank < model_requests.usage_rank THEN model_requests.$1
                   ELSE MAX(model_requests.$1, excluded.$1) END""");

  private static final String HOOK_EVENT =
      """
      INSERT INTO hook_events (sha256, agent, session_id, event, received_at, payload,
                               payload_bytes, json, sources)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sha256) DO UPDATE SET
        received_at = MIN(hook_events.received_at, excluded.received_at),
        sources = hook_events.sources | excluded.sources
      """;

  private static final String METRIC_POINT =
      """
      INSERT INTO metric_points (agent, name, series, at, started_at, session_id, unit,
                                 temporality, value)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, name, series, at) DO NOTHING
      """;

  private static final String DRIFT =
      """
      INSERT INTO schema_drift (agent, agent_version, kind, name, count, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, agent_version, kind, name) DO UPDATE SET
        count = schema_drift.count + excluded.count,
        last_seen = MAX(schema_drift.last_seen, excluded.last_seen)
      """;

  private static final String SKIP =
      """
      INSERT INTO ingest_skips (channel, reason, count, last_detail, last_seen)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (channel, reason) DO UPDATE SET
        count = ingest_skips.count + excluded.count,
        last_detail = excluded.last_detail,
        last_seen = excluded.last_seen
      """;

  /** Redaction counts add up; first and last seen widen. */
  private static final String REDACTION =
      """
      INSERT INTO redactions (agent, session_id, source, kind, count, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, session_id, source, kind) DO UPDATE SET
        count = redactions.count + excluded.count,
        first_seen = MIN(redactions.first_seen, excluded.first_seen),
        last_seen = MAX(redactions.last_seen, excluded.last_seen)
      """;

  private static final String POSITION =
      """
      INSERT OR REPLACE INTO file_positions (path, device, inode, fingerprint, fingerprint_len,
                                             offset, size, modified_ms, state, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private final Connection connection;
  private final Clock clock;
  private final PreparedStatement session;
  private final PreparedStatement thread;
  private final PreparedStatement prompt;
  private final Staged toolCalls;
  private final Staged modelRequests;
  private final PreparedStatement toolCall;
  private final PreparedStatement modelRequest;
  private final PreparedStatement hookEvent;
  private final PreparedStatement metricPoint;
  private final CostStates costStates;
  private final List<PreparedStatement> batched;
  private final PreparedStatement drift;
  private final PreparedStatement skip;
  private final PreparedStatement redaction;
  private final PreparedStatement position;

  FactWriter(Connection connection, Clock clock) throws SQLException {
    this.connection = connection;
    this.clock = clock;
    session = connection.prepareStatement(SESSION);
    thread = connection.prepareStatement(THREAD);
    prompt = connection.prepareStatement(PROMPT);
    toolCalls = new Staged(connection, "tool_calls", TOOL_CALL, END_AFTER_START);
    modelRequests = new Staged(connection, "model_requests", MODEL_REQUEST, null);
    toolCall = toolCalls.stage;
    modelRequest = modelRequests.stage;
    hookEvent = connection.prepareStatement(HOOK_EVENT);
    metricPoint = connection.prepareStatement(METRIC_POINT);
    costStates = new CostStates(connection);
    drift = connection.prepareStatement(DRIFT);
    skip = connection.prepareStatement(SKIP);
    redaction = connection.prepareStatement(REDACTION);
    position = connection.prepareStatement(POSITION);
    batched =
        List.of(
            session,
            thread,
            prompt,
            toolCall,
            modelRequest,
            hookEvent,
            metricPoint,
            drift,
            skip,
            redaction,
            position);
  }

  /** Writes the batches in one transaction; on failure nothing of them is stored. */
  void write(List<Batch> batches) throws SQLException {
    try {
      var sessions = new LinkedHashMap<List<String>, SessionSpan>();
      var costSessions = new LinkedHashSet<List<String>>();
      var drifts = new LinkedHashMap<Drift, Long>();
      for (var batch : batches) {
        for (var fact : batch.facts()) {
          add(fact, sessions, costSessions);
        }
        for (var d : batch.drift()) {
          drifts.merge(d, 1L, Long::sum);
        }
        for (var s : batch.skips()) {
          addSkip(s);
        }
        for (var r : batch.redactions()) {
          addRedaction(redaction, r);
        }
        if (batch.position() != null) {
          addPosition(batch.position());
        }
      }
      for (var span : sessions.values()) {
        addSession(span);
      }
      drifts.forEach(this::addDrift);
      for (var statement : batched) {
        statement.executeBatch();
        if (statement == toolCall) {
          toolCalls.merge();
        } else if (statement == modelRequest) {
          modelRequests.merge();
        }
      }
      costStates.executeBatch();
      costStates.apportion(costSessions);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      for (var statement : batched) {
        statement.clearBatch();
      }
      costStates.clearBatch();
      try {
        connection.rollback(); // also empties the stages: they are in the same transaction
      } catch (SQLException notActive) {
        // SQLite rolled the transaction back itself (it may on a full disk or an I/O error), and
        // sqlite-jdbc then did not open the next one: open it, or later writes would each commit
        // on their own. The first failure is the one worth reporting.
        e.addSuppressed(notActive);
        try (var begin = connection.createStatement()) {
          begin.execute("BEGIN");
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
      }
      throw e;
    }
  }

  private void add(
      Fact fact, Map<List<String>, SessionSpan> sessions, Set<List<String>> costSessions)
      throws SQLException {
    switch (fact) {
      case SessionFact s ->
          sessions.merge(
              List.of(s.agent().wireName(), s.sessionId()), SessionSpan.of(s), SessionSpan::merge);
      case ThreadFact t -> addThread(t);
      case PromptFact p -> addPrompt(p);
      case ToolCallFact t -> addToolCall(t);
      case ModelRequestFact m -> {
        addModelRequest(m);
        costSessions.add(List.of(m.agent().wireName(), m.sessionId()));
      }
      case CostStateFact c -> {
        costStates.add(c);
        costSessions.add(List.of(c.agent().wireName(), c.sessionId()));
      }
      case HookEventFact h -> addHookEvent(h);
      case MetricPointFact m -> addMetricPoint(m);
    }
  }

  /**
   * The observations of one session within a batch, merged by the same rules as the SQL upsert, so
   * a session seen on thousands of lines is written once per transaction.
   */
  private record SessionSpan(
      SessionFact fact, @Nullable Instant first, @Nullable Instant last, int sources) {
    static SessionSpan of(SessionFact fact) {
      return new SessionSpan(fact, fact.seenAt(), fact.seenAt(), fact.channel().bit());
    }

    /** Same rules as the upsert: the first project and end reason, the latest branch and end. */
    SessionSpan merge(SessionSpan later) {
      var a = fact;
      var b = later.fact;
      var merged =
          new SessionFact(
              a.agent(),
              a.sessionId(),
              a.project() != null ? a.project() : b.project(),
              b.gitBranch() != null ? b.gitBranch() : a.gitBranch(),
              b.agentVersion() != null ? b.agentVersion() : a.agentVersion(),
              null,
              latest(a.endedAt(), b.endedAt()),
              a.endReason() != null ? a.endReason() : b.endReason(),
              a.channel());
      return new SessionSpan(
          merged, earliest(first, later.first), latest(last, later.last), sources | later.sources);
    }
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private void addSession(SessionSpan span) throws SQLException {
    var s = span.fact();
    session.setString(1, s.agent().wireName());
    session.setString(2, s.sessionId());
    setText(session, 3, s.project());
    setText(session, 4, s.gitBranch());
    setText(session, 5, s.agentVersion());
    setTime(session, 6, span.first());
    setTime(session, 7, span.last());
    setTime(session, 8, s.endedAt());
    setText(session, 9, s.endReason());
    session.setInt(10, span.sources());
    session.addBatch();
  }

  private void addThread(ThreadFact t) throws SQLException {
    thread.setString(1, t.agent().wireName());
    thread.setString(2, t.sessionId());
    thread.setString(3, t.threadId());
    setText(thread, 4, t.agentType());
    setText(thread, 5, t.description());
    setText(thread, 6, t.parentToolUseId());
    setText(thread, 7, t.model());
    setTime(thread, 8, t.seenAt());
    setTime(thread, 9, t.seenAt());
    thread.setInt(10, t.channel().bit());
    thread.addBatch();
  }

  private void addPrompt(PromptFact p) throws SQLException {
    prompt.setString(1, p.agent().wireName());
    prompt.setString(2, p.promptId());
    prompt.setString(3, p.sessionId());
    setText(prompt, 4, p.text());
    setTime(prompt, 5, p.startedAt());
    setTime(prompt, 6, p.endedAt());
    prompt.setString(7, p.project() == null ? "" : p.project());
    prompt.setInt(8, p.channel().bit());
    prompt.addBatch();
  }

  private void addToolCall(ToolCallFact t) throws SQLException {
    var status = t.status() == null ? ToolStatus.PENDING : t.status();
    toolCall.setString(1, t.agent().wireName());
    toolCall.setString(2, t.toolUseId());
    toolCall.setString(3, t.sessionId());
    setText(toolCall, 4, t.threadId());
    setText(toolCall, 5, t.promptId());
    setText(toolCall, 6, t.tool());
    setText(toolCall, 7, t.mcpServer());
    setText(toolCall, 8, t.input());
    setText(toolCall, 9, t.summary());
    toolCall.setString(10, status.wireName());
    toolCall.setInt(11, statusRank(status, t.channel()));
    setText(toolCall, 12, t.error());
    setText(toolCall, 13, t.outputExcerpt());
    setLong(toolCall, 14, t.outputBytes());
    setTime(toolCall, 15, t.startedAt());
    setTime(toolCall, 16, t.endedAt());
    setLong(toolCall, 17, t.durationMs());
    toolCall.setString(18, t.project() == null ? "" : t.project());
    setText(toolCall, 19, t.messageId());
    toolCall.setInt(20, t.channel().bit());
    int timing = timingRank(t.channel());
    toolCall.setInt(21, t.startedAt() == null ? 0 : timing);
    toolCall.setInt(22, t.endedAt() == null ? 0 : timing);
    toolCall.setInt(23, t.durationMs() == null ? 0 : timing);
    toolCall.addBatch();
  }

  /**
   * The rank of a channel's tool-call times: the hooks fire at the call's start and end and report
   * the agent's own duration; OTLP reports that duration too; the transcript's line times are when
   * the agent wrote the request and the result, which bracket the call.
   */
  static int timingRank(Channel channel) {
    return switch (channel) {
      case HOOK, HTTP_HOOK -> 3;
      case OTLP -> 2;
      case TRANSCRIPT -> 1;
    };
  }

  /**
   * The rank of an outcome observation: pending is 0; a final outcome is 10 plus its channel's
   * precedence. The transcript is the agent's own record of what the model was told, so it wins;
   * then the hooks, then OTLP.
   */
  static int statusRank(ToolStatus status, Channel channel) {
    if (status == ToolStatus.PENDING) {
      return 0;
    }
    return 10
        + switch (channel) {
          case TRANSCRIPT -> 4;
          case HOOK, HTTP_HOOK -> 3;
          case OTLP -> 2;
        };
  }

  private void addModelRequest(ModelRequestFact m) throws SQLException {
    var usage = m.usage() == null ? Usage.ZERO : m.usage();
    modelRequest.setString(1, m.agent().wireName());
    modelRequest.setString(2, m.messageId());
    modelRequest.setString(3, m.requestId());
    modelRequest.setString(4, m.sessionId());
    setText(modelRequest, 5, m.threadId());
    setText(modelRequest, 6, m.promptId());
    modelRequest.setString(7, m.model() == null ? "" : m.model());
    modelRequest.setLong(8, usage.inputTokens());
    modelRequest.setLong(9, usage.outputTokens());
    modelRequest.setLong(10, usage.cacheReadTokens());
    modelRequest.setLong(11, usage.cacheWrite5mTokens());
    modelRequest.setLong(12, usage.cacheWrite1hTokens());
    setTime(modelRequest, 13, m.at());
    modelRequest.setString(14, m.project() == null ? "" : m.project());
    if (m.agentCostUsd() == null) {
      modelRequest.setNull(15, Types.REAL);
    } else {
      modelRequest.setDouble(15, m.agentCostUsd());
    }
    modelRequest.setInt(16, m.channel().bit());
    modelRequest.setInt(17, m.usage() == null ? 0 : m.channel() == Channel.OTLP ? 2 : 1);
    modelRequest.addBatch();
  }

  private void addHookEvent(HookEventFact h) throws SQLException {
    hookEvent.setString(1, h.payloadSha256());
    hookEvent.setString(2, h.agent().wireName());
    setText(hookEvent, 3, h.sessionId().isEmpty() ? null : h.sessionId());
    setText(hookEvent, 4, h.event());
    hookEvent.setLong(5, h.receivedAt().toEpochMilli());
    hookEvent.setString(6, h.payload());
    hookEvent.setLong(7, h.payloadBytes());
    hookEvent.setInt(8, h.json() ? 1 : 0);
    hookEvent.setInt(9, h.channel().bit());
    hookEvent.addBatch();
  }

  private void addMetricPoint(MetricPointFact m) throws SQLException {
    metricPoint.setString(1, m.agent().wireName());
    metricPoint.setString(2, m.name());
    metricPoint.setString(3, m.series());
    metricPoint.setLong(4, m.at().toEpochMilli());
    setTime(metricPoint, 5, m.startedAt());
    setText(metricPoint, 6, m.sessionId().isEmpty() ? null : m.sessionId());
    setText(metricPoint, 7, m.unit());
    metricPoint.setString(8, m.temporality().wireName());
    metricPoint.setDouble(9, m.value());
    metricPoint.addBatch();
  }

  private void addDrift(Drift d, long count) {
    try {
      long now = clock.millis();
      drift.setString(1, d.agent().wireName());
      drift.setString(2, d.agentVersion());
      drift.setString(3, d.kind());
      drift.setString(4, d.name());
      drift.setLong(5, count);
      drift.setLong(6, now);
      drift.setLong(7, now);
      drift.addBatch();
    } catch (SQLException e) {
      throw new StoreException("cannot record schema drift: " + e.getMessage(), e);
    }
  }

  private void addSkip(Skip s) throws SQLException {
    skip.setString(1, s.channel().wireName());
    skip.setString(2, s.reason().wireName());
    skip.setLong(3, 1);
    skip.setString(4, s.where() + ": " + s.detail());
    skip.setLong(5, clock.millis());
    skip.addBatch();
  }

  /** Adds one count to {@code statement}, a prepared {@link #REDACTION}. */
  static void addRedaction(PreparedStatement statement, Redacted r) throws SQLException {
    long at = r.at().toEpochMilli();
    statement.setString(1, r.agent().wireName());
    statement.setString(2, r.sessionId());
    statement.setString(3, r.source());
    statement.setString(4, r.kind());
    statement.setLong(5, r.count());
    statement.setLong(6, at);
    statement.setLong(7, at);
    statement.addBatch();
  }

  /** Prepares the upsert of redaction counts on {@code connection}. */
  static PreparedStatement prepareRedactions(Connection connection) throws SQLException {
    return connection.prepareStatement(REDACTION);
  }

  private void addPosition(FilePosition p) throws SQLException {
    position.setString(1, p.path());
    position.setString(2, p.device());
    position.setString(3, p.inode());
    position.setString(4, p.fingerprint());
    position.setInt(5, p.fingerprintLength());
    position.setLong(6, p.offset());
    position.setLong(7, p.size());
    position.setLong(8, p.modifiedMs());
    position.setString(9, p.state());
    position.setLong(10, clock.millis());
    position.addBatch();
  }

  private static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static void setTime(PreparedStatement statement, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value.toEpochMilli());
    }
  }

  static void setLong(PreparedStatement statement, int index, @Nullable Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  @Override
  public void close() throws SQLException {
    for (var statement : batched) {
      statement.close();
    }
    toolCalls.close();
    modelRequests.close();
    costStates.close();
  }

  /**
   * The rows of one table a transaction writes, first inserted plainly into a temporary table of
   * the same columns and then merged by one {@code INSERT … SELECT … ON CONFLICT} in the order they
   * came: the same upserts and triggers row by row, but one SQLite statement (and statement
   * journal) per transaction instead of one per row (see RATIONALE.md, "Ingest at a million").
   */
  private static final class Staged implements AutoCloseable {
    private final PreparedStatement stage;
    private final PreparedStatement merge;
    private final PreparedStatement clear;
    private final @Nullable PreparedStatement after;
    private final String table;

    /** {@code after}: a statement run on the merged rows before the stage is emptied, or null. */
    Staged(Connection connection, String table, String upsert, @Nullable String after)
        throws SQLException {
      this.table = "staged_" + table;
      var header = upsert.substring(upsert.indexOf('(') + 1, upsert.indexOf(')'));
      var columns = header.strip().replaceAll("\\s+", " ");
      try (var statement = connection.createStatement()) {
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + this.table + " (" + columns + ")");
      }
      int count = columns.split(",").length;
      stage =
          connection.prepareStatement(
              "INSERT INTO temp."
                  + this.table
                  + " ("
                  + columns
                  + ") VALUES ("
                  + String.join(", ", Collections.nCopies(count, "?"))
                  + ")");
      merge =
          connection.prepareStatement(
              upsert.replace(
                  "{staged}",
                  "SELECT " + columns + " FROM temp." + this.table + " WHERE true ORDER BY rowid"));
      clear = connection.prepareStatement("DELETE FROM temp." + this.table);
      this.after = after == null ? null : connection.prepareStatement(after);
    }

    /** Merges the staged rows into the table and empties the stage. */
    void merge() throws SQLException {
      merge.executeUpdate();
      if (after != null) {
        after.executeUpdate();
      }
      clear.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
      stage.close();
      merge.close();
      clear.close();
      if (after != null) {
        after.close();
      }
    }
  }
}
