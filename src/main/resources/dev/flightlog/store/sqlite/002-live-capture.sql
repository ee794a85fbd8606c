-- flightlog schema v2 for SQLite: what live capture adds (hooks, OTLP, sessions that end).

-- SessionEnd: when and why the agent said the session ended (NULL: it never did).
ALTER TABLE sessions ADD COLUMN ended_at INTEGER;
ALTER TABLE sessions ADD COLUMN end_reason TEXT;

-- Which channel a tool call's times came from, so that merging is order-independent: a value
-- from a channel of higher rank replaces one of lower rank; equal ranks keep the earliest start,
-- the latest end and the longest measured duration. Ranks: hooks 3 (PreToolUse is the start,
-- PostToolUse the end and duration_ms), otlp 2, transcript 1, no value 0. Rows stored before
-- this migration came from transcripts.
ALTER TABLE tool_calls ADD COLUMN start_rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tool_calls ADD COLUMN end_rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tool_calls ADD COLUMN measured_rank INTEGER NOT NULL DEFAULT 1;

-- Where a model request's token counts came from: OTLP api_request (2) wins over the largest
-- transcript snapshot (1); equal ranks keep the largest counts. A request is one row per request
-- id: OTLP knows only the request id, the transcript both ids, so the request id is unique on its
-- own whenever it is known.
ALTER TABLE model_requests ADD COLUMN usage_rank INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX model_requests_request ON model_requests (agent, request_id)
  WHERE request_id <> '';

-- Every hook payload received, for audit and replay, keyed by the SHA-256 of its bytes.
CREATE TABLE hook_events (
  sha256        TEXT    NOT NULL PRIMARY KEY,
  agent         TEXT    NOT NULL,
  session_id    TEXT,
  event         TEXT,
  received_at   INTEGER NOT NULL,
  payload       TEXT    NOT NULL,
  payload_bytes INTEGER NOT NULL,
  json          INTEGER NOT NULL,
  sources       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX hook_events_session ON hook_events (agent, session_id);
CREATE INDEX hook_events_received ON hook_events (received_at);

-- OTLP sum and gauge data points as reported. Cumulative points keep their running total; the
-- view metric_increments derives increments with counter resets detected.
CREATE TABLE metric_points (
  agent        TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  series       TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  started_at   INTEGER,
  session_id   TEXT,
  unit         TEXT,
  temporality  TEXT    NOT NULL,
  value        REAL    NOT NULL,
  PRIMARY KEY (agent, name, series, at)
) WITHOUT ROWID;
CREATE INDEX metric_points_at ON metric_points (at);

-- The increment each point adds: a delta point is its value; a cumulative point adds the growth
-- since the previous point of its series, or its whole value when it starts a series, when its
-- start time differs from the previous point's, or when its value fell (a counter reset).
CREATE VIEW metric_increments AS
SELECT agent, name, series, at, session_id, unit, temporality, value,
       CASE
         WHEN temporality <> 'cumulative' THEN value
         WHEN previous_value IS NULL THEN value
         WHEN started_at IS NOT previous_started_at THEN value
         WHEN value < previous_value THEN value
         ELSE value - previous_value
       END AS increment
  FROM (SELECT *,
               LAG(value) OVER series_in_time AS previous_value,
               LAG(started_at) OVER series_in_time AS previous_started_at
          FROM metric_points
        WINDOW series_in_time AS (PARTITION BY agent, name, series ORDER BY at));
