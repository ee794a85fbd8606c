-- flightlog schema v3 for SQLite: the derived tables of the analytics (errors, recovery, flow).
--
-- These numbers are computed per session in Java (package metrics) from the session's raw rows,
-- not kept by SQL triggers like the rollups: the triggers below only mark the session dirty when a
-- row that the definitions read changes, and store.Derive recomputes every dirty session's rows,
-- in one transaction with the clearing of its mark, before any read of these tables (see
-- RATIONALE.md, "Derived tables recomputed per session"). A trigger costs one insert into a
-- small table (an upsert that does nothing when the mark exists: INSERT OR IGNORE in a trigger
-- would take the outer upsert's conflict policy and fail), and fires only for the columns the
-- definitions read.

-- The sessions whose derived rows are stale.
CREATE TABLE derive_dirty (
  agent      TEXT NOT NULL,
  session_id TEXT NOT NULL,
  PRIMARY KEY (agent, session_id)
) WITHOUT ROWID;

-- Error signatures, each stored once; the derived rows refer to them by id. Never deleted: a
-- signature no row refers to any more is harmless.
CREATE TABLE error_signatures (
  id        INTEGER PRIMARY KEY,
  tool      TEXT    NOT NULL,
  category  TEXT    NOT NULL,
  signature TEXT    NOT NULL,
  UNIQUE (tool, category, signature)
);

-- The derived tables are clustered by time (their primary key starts with it), so that a report of
-- a range reads one contiguous run of rows. at is epoch ms, 0 when the time is unknown (like the
-- rollups' bucket 0: counted only by a range unbounded on the left); the reads turn 0 into null.
-- Each has an index by session, for the refresh and the sessions report, and one by project and
-- time, for a report of one project (the reads first find the project paths that match).

-- One row per failed call (status error, denied or interrupted). at is the call's time: its
-- start, else its end. example is the error's raw first line, bounded.
CREATE TABLE tool_errors (
  at           INTEGER NOT NULL,
  agent        TEXT    NOT NULL,
  tool_use_id  TEXT    NOT NULL,
  session_id   TEXT    NOT NULL,
  project      TEXT    NOT NULL,
  signature_id INTEGER NOT NULL,
  status       TEXT    NOT NULL,
  example      TEXT,
  PRIMARY KEY (at, agent, tool_use_id)
) WITHOUT ROWID;
CREATE INDEX tool_errors_session ON tool_errors (agent, session_id);
CREATE INDEX tool_errors_signature ON tool_errors (signature_id, at);
CREATE INDEX tool_errors_pair ON tool_errors (signature_id, agent, session_id, at);
CREATE INDEX tool_errors_project ON tool_errors (project, at);

-- The failed calls of tool_errors per signature and session, with the times of the first and
-- last (0 when unknown) and their project (mixed = 1 when they have several), so that the error
-- catalog counts the sessions with a failure in a range without a COUNT(DISTINCT) over every
-- failed call: a pair whose failures all lie inside or all outside the range is decided by
-- first_at and last_at; only the few pairs that straddle an end of the range, or span projects,
-- look at their rows (through tool_errors_pair).
CREATE TABLE error_sessions (
  signature_id INTEGER NOT NULL,
  agent        TEXT    NOT NULL,
  session_id   TEXT    NOT NULL,
  project      TEXT    NOT NULL,
  mixed        INTEGER NOT NULL,
  first_at     INTEGER NOT NULL,
  last_at      INTEGER NOT NULL,
  PRIMARY KEY (signature_id, agent, session_id)
) WITHOUT ROWID;
CREATE INDEX error_sessions_session ON error_sessions (agent, session_id);

-- Recovery episodes, numbered in their session's order (seq). at is when the first failure
-- started (else ended); project is the first failed call's; outcome is recovered, unrecovered,
-- interrupted or open.
CREATE TABLE episodes (
  at           INTEGER NOT NULL,
  agent        TEXT    NOT NULL,
  session_id   TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  project      TEXT    NOT NULL,
  thread_id    TEXT    NOT NULL,
  prompt_id    TEXT    NOT NULL,
  signature_id INTEGER NOT NULL,
  file         TEXT,
  outcome      TEXT    NOT NULL,
  failures     INTEGER NOT NULL,
  attempts     INTEGER NOT NULL,
  recovery_ms  INTEGER,
  PRIMARY KEY (at, agent, session_id, seq)
) WITHOUT ROWID;
CREATE INDEX episodes_session ON episodes (agent, session_id);
CREATE INDEX episodes_project ON episodes (project, at);

-- The flow of each turn, numbered in its session's start order (seq). at is the prompt's start;
-- project is the prompt's. other_ms = wall_ms - tool_ms - model_ms - waiting_ms, NULL when one of
-- them is.
CREATE TABLE turns (
  at             INTEGER NOT NULL,
  agent          TEXT    NOT NULL,
  session_id     TEXT    NOT NULL,
  seq            INTEGER NOT NULL,
  prompt_id      TEXT    NOT NULL,
  project        TEXT    NOT NULL,
  ended_at       INTEGER,
  wall_ms        INTEGER,
  tool_ms        INTEGER,
  model_ms       INTEGER,
  waiting_ms     INTEGER,
  other_ms       INTEGER,
  calls          INTEGER NOT NULL,
  longest_streak INTEGER NOT NULL,
  idle_before_ms INTEGER,
  PRIMARY KEY (at, agent, session_id, seq)
) WITHOUT ROWID;
CREATE INDEX turns_session ON turns (agent, session_id);
CREATE INDEX turns_project ON turns (project, at);

-- Dirty marks. An update marks the old and the new session, and fires only when a column the
-- definitions read changed (the upserts of store.FactWriter rewrite every column).
CREATE TRIGGER tool_calls_dirty_insert AFTER INSERT ON tool_calls
BEGIN
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER tool_calls_dirty_update AFTER UPDATE ON tool_calls
  WHEN OLD.status IS NOT NEW.status OR OLD.error IS NOT NEW.error
    OR OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at
    OR OLD.measured_ms IS NOT NEW.measured_ms OR OLD.tool IS NOT NEW.tool
    OR OLD.summary IS NOT NEW.summary OR OLD.prompt_id IS NOT NEW.prompt_id
    OR OLD.thread_id IS NOT NEW.thread_id OR OLD.project IS NOT NEW.project
    OR OLD.session_id IS NOT NEW.session_id
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER tool_calls_dirty_delete AFTER DELETE ON tool_calls
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER prompts_dirty_insert AFTER INSERT ON prompts
BEGIN
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER prompts_dirty_update AFTER UPDATE ON prompts
  WHEN OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at
    OR OLD.project IS NOT NEW.project OR OLD.session_id IS NOT NEW.session_id
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER prompts_dirty_delete AFTER DELETE ON prompts
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER model_requests_dirty_insert AFTER INSERT ON model_requests
BEGIN
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER model_requests_dirty_update AFTER UPDATE ON model_requests
  WHEN OLD.at IS NOT NEW.at OR OLD.prompt_id IS NOT NEW.prompt_id
    OR OLD.thread_id IS NOT NEW.thread_id OR OLD.session_id IS NOT NEW.session_id
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER model_requests_dirty_delete AFTER DELETE ON model_requests
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
END;

-- Of the hook events, flow reads the ones that say the agent waits for the user.
CREATE TRIGGER hook_events_dirty_insert AFTER INSERT ON hook_events
  WHEN NEW.event IN ('PermissionRequest', 'Notification') AND NEW.session_id IS NOT NULL
BEGIN
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER hook_events_dirty_update AFTER UPDATE ON hook_events
  WHEN (OLD.event IN ('PermissionRequest', 'Notification')
        OR NEW.event IN ('PermissionRequest', 'Notification'))
    AND (OLD.received_at IS NOT NEW.received_at OR OLD.event IS NOT NEW.event
         OR OLD.session_id IS NOT NEW.session_id OR OLD.payload IS NOT NEW.payload)
BEGIN
  INSERT INTO derive_dirty SELECT OLD.agent, OLD.session_id
    WHERE OLD.session_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty SELECT NEW.agent, NEW.session_id
    WHERE NEW.session_id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER hook_events_dirty_delete AFTER DELETE ON hook_events
  WHEN OLD.event IN ('PermissionRequest', 'Notification') AND OLD.session_id IS NOT NULL
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
END;

-- Every session stored before this migration is computed on the first read.
INSERT OR IGNORE INTO derive_dirty
  SELECT agent, session_id FROM sessions
  UNION SELECT agent, session_id FROM tool_calls
  UNION SELECT agent, session_id FROM prompts
  UNION SELECT agent, session_id FROM model_requests
  UNION SELECT agent, session_id FROM hook_events
         WHERE event IN ('PermissionRequest', 'Notification') AND session_id IS NOT NULL;
