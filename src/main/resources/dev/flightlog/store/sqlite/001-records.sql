-- flightlog schema v1 for SQLite: the records of PRODUCT.md §3 keyed by their natural keys.
-- Times are epoch milliseconds (UTC). Provenance ("sources") is a bit set of channels:
-- 1 hook, 2 http_hook, 4 transcript, 8 otlp. Unknown text values are NULL; the project and
-- model of rollup keys are '' when unknown.

CREATE TABLE sessions (
  agent          TEXT    NOT NULL,
  session_id     TEXT    NOT NULL,
  project        TEXT,
  git_branch     TEXT,
  agent_version  TEXT,
  first_seen     INTEGER,
  last_seen      INTEGER,
  sources        INTEGER NOT NULL,
  PRIMARY KEY (agent, session_id)
) WITHOUT ROWID;
CREATE INDEX sessions_last_seen ON sessions (last_seen);

CREATE TABLE threads (
  agent              TEXT    NOT NULL,
  session_id         TEXT    NOT NULL,
  thread_id          TEXT    NOT NULL,
  agent_type         TEXT,
  description        TEXT,
  parent_tool_use_id TEXT,
  model              TEXT,
  first_seen         INTEGER,
  last_seen          INTEGER,
  sources            INTEGER NOT NULL,
  PRIMARY KEY (agent, session_id, thread_id)
) WITHOUT ROWID;

CREATE TABLE prompts (
  agent       TEXT    NOT NULL,
  prompt_id   TEXT    NOT NULL,
  session_id  TEXT    NOT NULL,
  text        TEXT,
  started_at  INTEGER,
  ended_at    INTEGER,
  project     TEXT    NOT NULL DEFAULT '',
  sources     INTEGER NOT NULL,
  PRIMARY KEY (agent, prompt_id)
);
CREATE INDEX prompts_session ON prompts (agent, session_id);
CREATE INDEX prompts_started ON prompts (started_at);

-- status_rank orders the observations of an outcome: pending is 0; a final outcome is
-- 10 + the precedence of the channel that reported it (transcript 4, hooks 3, otlp 2).
-- A higher rank replaces status and error; an equal or lower one never does.
CREATE TABLE tool_calls (
  agent           TEXT    NOT NULL,
  tool_use_id     TEXT    NOT NULL,
  session_id      TEXT    NOT NULL,
  thread_id       TEXT,
  prompt_id       TEXT,
  tool            TEXT,
  mcp_server      TEXT,
  input           TEXT,
  summary         TEXT,
  status          TEXT    NOT NULL,
  status_rank     INTEGER NOT NULL,
  error           TEXT,
  output_excerpt  TEXT,
  output_bytes    INTEGER,
  started_at      INTEGER,
  ended_at        INTEGER,
  measured_ms     INTEGER,
  project         TEXT    NOT NULL DEFAULT '',
  message_id      TEXT,
  sources         INTEGER NOT NULL,
  PRIMARY KEY (agent, tool_use_id)
);
CREATE INDEX tool_calls_session ON tool_calls (agent, session_id);
CREATE INDEX tool_calls_started ON tool_calls (started_at);

-- Usage counters are the maximum over every copy of the request (a transcript repeats the usage
-- on each content block; the final snapshot is the largest). agent_cost_usd is the agent's own
-- per-request figure (OTLP); state_cost_usd is this request's share of the session's cost-state
-- for its model, apportioned by list-price weight (see store.CostStates).
CREATE TABLE model_requests (
  agent                 TEXT    NOT NULL,
  message_id            TEXT    NOT NULL,
  request_id            TEXT    NOT NULL,
  session_id            TEXT    NOT NULL,
  thread_id             TEXT,
  prompt_id             TEXT,
  model                 TEXT    NOT NULL DEFAULT '',
  input_tokens          INTEGER NOT NULL DEFAULT 0,
  output_tokens         INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens     INTEGER NOT NULL DEFAULT 0,
  cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
  at                    INTEGER,
  project               TEXT    NOT NULL DEFAULT '',
  agent_cost_usd        REAL,
  state_cost_usd        REAL,
  sources               INTEGER NOT NULL,
  PRIMARY KEY (agent, message_id, request_id)
);
CREATE INDEX model_requests_session ON model_requests (agent, session_id);

CREATE TABLE cost_states (
  agent          TEXT    NOT NULL,
  session_id     TEXT    NOT NULL,
  total_cost_usd REAL    NOT NULL,
  at             INTEGER,
  PRIMARY KEY (agent, session_id)
) WITHOUT ROWID;

CREATE TABLE cost_state_models (
  agent                 TEXT    NOT NULL,
  session_id            TEXT    NOT NULL,
  model                 TEXT    NOT NULL,
  input_tokens          INTEGER NOT NULL,
  output_tokens         INTEGER NOT NULL,
  cache_read_tokens     INTEGER NOT NULL,
  cache_write_5m_tokens INTEGER NOT NULL,
  cache_write_1h_tokens INTEGER NOT NULL,
  cost_usd              REAL    NOT NULL,
  PRIMARY KEY (agent, session_id, model)
) WITHOUT ROWID;

-- Where each followed file was read up to; written in the same transaction as its records.
CREATE TABLE file_positions (
  path            TEXT    NOT NULL PRIMARY KEY,
  device          TEXT    NOT NULL,
  inode           TEXT    NOT NULL,
  fingerprint     TEXT    NOT NULL,
  fingerprint_len INTEGER NOT NULL,
  offset          INTEGER NOT NULL,
  size            INTEGER NOT NULL,
  modified_ms     INTEGER NOT NULL,
  state           TEXT    NOT NULL,
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE schema_drift (
  agent         TEXT    NOT NULL,
  agent_version TEXT    NOT NULL,
  kind          TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  count         INTEGER NOT NULL,
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  PRIMARY KEY (agent, agent_version, kind, name)
) WITHOUT ROWID;

CREATE TABLE ingest_skips (
  channel     TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  count       INTEGER NOT NULL,
  last_detail TEXT    NOT NULL,
  last_seen   INTEGER NOT NULL,
  PRIMARY KEY (channel, reason)
) WITHOUT ROWID;

-- Rollups: the sums the reports read, kept exact by the triggers below in the same transaction as
-- the rows they count; a rollup row whose count falls to zero is deleted. Each sum is kept at
-- several levels of time (see RATIONALE.md, "Rollups kept by triggers"), all UTC, all with the
-- same counters:
--   usage_rollup, tool_rollup  per bucket, a 15-minute slice (epoch ms / 900,000), so days in any
--                              real time zone are whole buckets;
--   usage_hour                 per hour of the UTC day (0-23) and UTC day, hour first, so that the
--                              rows of a time-of-day window of every day are one key range per hour;
--   usage_day, tool_day        per UTC day (epoch ms / 86,400,000);
--   usage_block, tool_block    per block of 32 UTC days (epoch ms / 2,764,800,000).
-- Rows whose time is unknown fall in bucket, hour, day and block 0. The day and block tables are
-- keyed by time, then model or tool, so that sums per period and model or tool are read in key order.
CREATE TABLE usage_rollup (
  bucket                   INTEGER NOT NULL,
  agent                    TEXT    NOT NULL,
  project                  TEXT    NOT NULL,
  model                    TEXT    NOT NULL,
  requests                 INTEGER NOT NULL,
  input_tokens             INTEGER NOT NULL,
  output_tokens            INTEGER NOT NULL,
  cache_read_tokens        INTEGER NOT NULL,
  cache_write_5m_tokens    INTEGER NOT NULL,
  cache_write_1h_tokens    INTEGER NOT NULL,
  agent_cost_usd           REAL    NOT NULL,
  agent_cost_requests      INTEGER NOT NULL,
  -- the tokens of requests without an agent cost, to be priced by the price table
  rest_input_tokens        INTEGER NOT NULL,
  rest_output_tokens       INTEGER NOT NULL,
  rest_cache_read_tokens   INTEGER NOT NULL,
  rest_cache_write_5m_tokens INTEGER NOT NULL,
  rest_cache_write_1h_tokens INTEGER NOT NULL,
  -- the cost-state share of requests without an agent cost, for models the table lacks
  rest_state_cost_usd      REAL    NOT NULL,
  rest_state_cost_requests INTEGER NOT NULL,
  PRIMARY KEY (bucket, agent, project, model)
) WITHOUT ROWID;

CREATE TABLE usage_hour (
  hour                       INTEGER NOT NULL,
  day                        INTEGER NOT NULL,
  agent                      TEXT    NOT NULL,
  project                    TEXT    NOT NULL,
  model                      TEXT    NOT NULL,
  requests                   INTEGER NOT NULL,
  input_tokens               INTEGER NOT NULL,
  output_tokens              INTEGER NOT NULL,
  cache_read_tokens          INTEGER NOT NULL,
  cache_write_5m_tokens      INTEGER NOT NULL,
  cache_write_1h_tokens      INTEGER NOT NULL,
  agent_cost_usd             REAL    NOT NULL,
  agent_cost_requests        INTEGER NOT NULL,
  rest_input_tokens          INTEGER NOT NULL,
  rest_output_tokens         INTEGER NOT NULL,
  rest_cache_read_tokens     INTEGER NOT NULL,
  rest_cache_write_5m_tokens INTEGER NOT NULL,
  rest_cache_write_1h_tokens INTEGER NOT NULL,
  rest_state_cost_usd        REAL    NOT NULL,
  rest_state_cost_requests   INTEGER NOT NULL,
  PRIMARY KEY (hour, day, model, agent, project)
) WITHOUT ROWID;

CREATE TABLE usage_day (
  day                        INTEGER NOT NULL,
  agent                      TEXT    NOT NULL,
  project                    TEXT    NOT NULL,
  model                      TEXT    NOT NULL,
  requests                   INTEGER NOT NULL,
  input_tokens               INTEGER NOT NULL,
  output_tokens              INTEGER NOT NULL,
  cache_read_tokens          INTEGER NOT NULL,
  cache_write_5m_tokens      INTEGER NOT NULL,
  cache_write_1h_tokens      INTEGER NOT NULL,
  agent_cost_usd             REAL    NOT NULL,
  agent_cost_requests        INTEGER NOT NULL,
  rest_input_tokens          INTEGER NOT NULL,
  rest_output_tokens         INTEGER NOT NULL,
  rest_cache_read_tokens     INTEGER NOT NULL,
  rest_cache_write_5m_tokens INTEGER NOT NULL,
  rest_cache_write_1h_tokens INTEGER NOT NULL,
  rest_state_cost_usd        REAL    NOT NULL,
  rest_state_cost_requests   INTEGER NOT NULL,
  PRIMARY KEY (day, model, agent, project)
) WITHOUT ROWID;

CREATE TABLE usage_block (
  block                      INTEGER NOT NULL,
  agent                      TEXT    NOT NULL,
  project                    TEXT    NOT NULL,
  model                      TEXT    NOT NULL,
  requests                   INTEGER NOT NULL,
  input_tokens               INTEGER NOT NULL,
  output_tokens              INTEGER NOT NULL,
  cache_read_tokens          INTEGER NOT NULL,
  cache_write_5m_tokens      INTEGER NOT NULL,
  cache_write_1h_tokens      INTEGER NOT NULL,
  agent_cost_usd             REAL    NOT NULL,
  agent_cost_requests        INTEGER NOT NULL,
  rest_input_tokens          INTEGER NOT NULL,
  rest_output_tokens         INTEGER NOT NULL,
  rest_cache_read_tokens     INTEGER NOT NULL,
  rest_cache_write_5m_tokens INTEGER NOT NULL,
  rest_cache_write_1h_tokens INTEGER NOT NULL,
  rest_state_cost_usd        REAL    NOT NULL,
  rest_state_cost_requests   INTEGER NOT NULL,
  PRIMARY KEY (block, model, agent, project)
) WITHOUT ROWID;

CREATE TABLE tool_rollup (
  bucket      INTEGER NOT NULL,
  agent       TEXT    NOT NULL,
  project     TEXT    NOT NULL,
  tool        TEXT    NOT NULL,
  calls       INTEGER NOT NULL,
  ok          INTEGER NOT NULL,
  errors      INTEGER NOT NULL,
  denied      INTEGER NOT NULL,
  interrupted INTEGER NOT NULL,
  PRIMARY KEY (bucket, agent, project, tool)
) WITHOUT ROWID;

CREATE TABLE tool_day (
  day         INTEGER NOT NULL,
  agent       TEXT    NOT NULL,
  project     TEXT    NOT NULL,
  tool        TEXT    NOT NULL,
  calls       INTEGER NOT NULL,
  ok          INTEGER NOT NULL,
  errors      INTEGER NOT NULL,
  denied      INTEGER NOT NULL,
  interrupted INTEGER NOT NULL,
  PRIMARY KEY (day, tool, agent, project)
) WITHOUT ROWID;

CREATE TABLE tool_block (
  block       INTEGER NOT NULL,
  agent       TEXT    NOT NULL,
  project     TEXT    NOT NULL,
  tool        TEXT    NOT NULL,
  calls       INTEGER NOT NULL,
  ok          INTEGER NOT NULL,
  errors      INTEGER NOT NULL,
  denied      INTEGER NOT NULL,
  interrupted INTEGER NOT NULL,
  PRIMARY KEY (block, tool, agent, project)
) WITHOUT ROWID;

CREATE TRIGGER model_requests_rollup_insert AFTER INSERT ON model_requests
BEGIN
  INSERT INTO usage_rollup VALUES (
      COALESCE(NEW.at, 0) / 900000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (bucket, agent, project, model) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_hour VALUES (
      COALESCE(NEW.at, 0) / 3600000 % 24,
      COALESCE(NEW.at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (hour, day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_day VALUES (
      COALESCE(NEW.at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_block VALUES (
      COALESCE(NEW.at, 0) / 2764800000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (block, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
END;

CREATE TRIGGER model_requests_rollup_update AFTER UPDATE ON model_requests
  WHEN OLD.at IS NOT NEW.at OR OLD.project IS NOT NEW.project OR OLD.model IS NOT NEW.model OR OLD.input_tokens IS NOT NEW.input_tokens OR OLD.output_tokens IS NOT NEW.output_tokens OR OLD.cache_read_tokens IS NOT NEW.cache_read_tokens OR OLD.cache_write_5m_tokens IS NOT NEW.cache_write_5m_tokens OR OLD.cache_write_1h_tokens IS NOT NEW.cache_write_1h_tokens OR OLD.agent_cost_usd IS NOT NEW.agent_cost_usd OR OLD.state_cost_usd IS NOT NEW.state_cost_usd
BEGIN
  INSERT INTO usage_rollup VALUES (
      COALESCE(OLD.at, 0) / 900000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (bucket, agent, project, model) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_hour VALUES (
      COALESCE(OLD.at, 0) / 3600000 % 24,
      COALESCE(OLD.at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (hour, day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_day VALUES (
      COALESCE(OLD.at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_block VALUES (
      COALESCE(OLD.at, 0) / 2764800000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (block, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_rollup VALUES (
      COALESCE(NEW.at, 0) / 900000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (bucket, agent, project, model) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_hour VALUES (
      COALESCE(NEW.at, 0) / 3600000 % 24,
      COALESCE(NEW.at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (hour, day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_day VALUES (
      COALESCE(NEW.at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_block VALUES (
      COALESCE(NEW.at, 0) / 2764800000,
      NEW.agent,
      NEW.project,
      NEW.model,
      1,
      NEW.input_tokens,
      NEW.output_tokens,
      NEW.cache_read_tokens,
      NEW.cache_write_5m_tokens,
      NEW.cache_write_1h_tokens,
      COALESCE(NEW.agent_cost_usd, 0),
      (NEW.agent_cost_usd IS NOT NULL),
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.input_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.output_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_read_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN NEW.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN NEW.agent_cost_usd IS NULL THEN COALESCE(NEW.state_cost_usd, 0) ELSE 0 END,
      (NEW.agent_cost_usd IS NULL AND NEW.state_cost_usd IS NOT NULL))
    ON CONFLICT (block, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  DELETE FROM usage_rollup
    WHERE bucket = COALESCE(OLD.at, 0) / 900000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_hour
    WHERE hour = COALESCE(OLD.at, 0) / 3600000 % 24 AND day = COALESCE(OLD.at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_day
    WHERE day = COALESCE(OLD.at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_block
    WHERE block = COALESCE(OLD.at, 0) / 2764800000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
END;

CREATE TRIGGER model_requests_rollup_delete AFTER DELETE ON model_requests
BEGIN
  INSERT INTO usage_rollup VALUES (
      COALESCE(OLD.at, 0) / 900000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (bucket, agent, project, model) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_hour VALUES (
      COALESCE(OLD.at, 0) / 3600000 % 24,
      COALESCE(OLD.at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (hour, day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_day VALUES (
      COALESCE(OLD.at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (day, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  INSERT INTO usage_block VALUES (
      COALESCE(OLD.at, 0) / 2764800000,
      OLD.agent,
      OLD.project,
      OLD.model,
      -1,
      -OLD.input_tokens,
      -OLD.output_tokens,
      -OLD.cache_read_tokens,
      -OLD.cache_write_5m_tokens,
      -OLD.cache_write_1h_tokens,
      -COALESCE(OLD.agent_cost_usd, 0),
      -(OLD.agent_cost_usd IS NOT NULL),
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.input_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.output_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_read_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_5m_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -OLD.cache_write_1h_tokens ELSE 0 END,
      CASE WHEN OLD.agent_cost_usd IS NULL THEN -COALESCE(OLD.state_cost_usd, 0) ELSE 0 END,
      -(OLD.agent_cost_usd IS NULL AND OLD.state_cost_usd IS NOT NULL))
    ON CONFLICT (block, model, agent, project) DO UPDATE SET
      requests = requests + excluded.requests,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
      cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
      agent_cost_usd = agent_cost_usd + excluded.agent_cost_usd,
      agent_cost_requests = agent_cost_requests + excluded.agent_cost_requests,
      rest_input_tokens = rest_input_tokens + excluded.rest_input_tokens,
      rest_output_tokens = rest_output_tokens + excluded.rest_output_tokens,
      rest_cache_read_tokens = rest_cache_read_tokens + excluded.rest_cache_read_tokens,
      rest_cache_write_5m_tokens = rest_cache_write_5m_tokens + excluded.rest_cache_write_5m_tokens,
      rest_cache_write_1h_tokens = rest_cache_write_1h_tokens + excluded.rest_cache_write_1h_tokens,
      rest_state_cost_usd = rest_state_cost_usd + excluded.rest_state_cost_usd,
      rest_state_cost_requests = rest_state_cost_requests + excluded.rest_state_cost_requests;
  DELETE FROM usage_rollup
    WHERE bucket = COALESCE(OLD.at, 0) / 900000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_hour
    WHERE hour = COALESCE(OLD.at, 0) / 3600000 % 24 AND day = COALESCE(OLD.at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_day
    WHERE day = COALESCE(OLD.at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
  DELETE FROM usage_block
    WHERE block = COALESCE(OLD.at, 0) / 2764800000 AND agent = OLD.agent
      AND project = OLD.project AND model = OLD.model AND requests = 0;
END;

CREATE TRIGGER tool_calls_rollup_insert AFTER INSERT ON tool_calls
BEGIN
  INSERT INTO tool_rollup VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 900000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (bucket, agent, project, tool) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_day VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (day, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_block VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 2764800000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (block, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
END;

CREATE TRIGGER tool_calls_rollup_update AFTER UPDATE ON tool_calls
  WHEN OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at OR OLD.project IS NOT NEW.project OR OLD.tool IS NOT NEW.tool OR OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO tool_rollup VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 900000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (bucket, agent, project, tool) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_day VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (day, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_block VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (block, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_rollup VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 900000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (bucket, agent, project, tool) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_day VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 86400000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (day, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_block VALUES (
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 2764800000,
      NEW.agent,
      NEW.project,
      COALESCE(NEW.tool, ''),
      1,
      (NEW.status = 'ok'),
      (NEW.status = 'error'),
      (NEW.status = 'denied'),
      (NEW.status = 'interrupted'))
    ON CONFLICT (block, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  DELETE FROM tool_rollup
    WHERE bucket = COALESCE(OLD.started_at, OLD.ended_at, 0) / 900000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
  DELETE FROM tool_day
    WHERE day = COALESCE(OLD.started_at, OLD.ended_at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
  DELETE FROM tool_block
    WHERE block = COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
END;

CREATE TRIGGER tool_calls_rollup_delete AFTER DELETE ON tool_calls
BEGIN
  INSERT INTO tool_rollup VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 900000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (bucket, agent, project, tool) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_day VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 86400000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (day, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  INSERT INTO tool_block VALUES (
      COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000,
      OLD.agent,
      OLD.project,
      COALESCE(OLD.tool, ''),
      -1,
      -(OLD.status = 'ok'),
      -(OLD.status = 'error'),
      -(OLD.status = 'denied'),
      -(OLD.status = 'interrupted'))
    ON CONFLICT (block, tool, agent, project) DO UPDATE SET
      calls = calls + excluded.calls,
      ok = ok + excluded.ok,
      errors = errors + excluded.errors,
      denied = denied + excluded.denied,
      interrupted = interrupted + excluded.interrupted;
  DELETE FROM tool_rollup
    WHERE bucket = COALESCE(OLD.started_at, OLD.ended_at, 0) / 900000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
  DELETE FROM tool_day
    WHERE day = COALESCE(OLD.started_at, OLD.ended_at, 0) / 86400000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
  DELETE FROM tool_block
    WHERE block = COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000 AND agent = OLD.agent
      AND project = OLD.project AND tool = COALESCE(OLD.tool, '') AND calls = 0;
END;
