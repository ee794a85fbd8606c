-- flightlog schema v6 for SQLite: channel coverage per session as a derived table.
--
-- report coverage used to count every tool call of every session in range (a join of a million
-- rows at a million calls: 536 ms). session_coverage holds those counts per session, recomputed
-- by store.Derive with the other derived tables whenever the session is marked dirty; the marks
-- below now also fire when a call's channels change and for every hook payload, the two inputs of
-- these counts the earlier marks did not watch.
CREATE TABLE session_coverage (
  agent           TEXT    NOT NULL,
  session_id      TEXT    NOT NULL,
  tool_calls      INTEGER NOT NULL,
  by_hooks        INTEGER NOT NULL,
  by_transcript   INTEGER NOT NULL,
  by_otlp         INTEGER NOT NULL,
  transcript_only INTEGER NOT NULL,
  hooks_only      INTEGER NOT NULL,
  hook_events     INTEGER NOT NULL,
  PRIMARY KEY (agent, session_id)
) WITHOUT ROWID;

DROP TRIGGER tool_calls_dirty_update;
CREATE TRIGGER tool_calls_dirty_update AFTER UPDATE ON tool_calls
  WHEN OLD.status IS NOT NEW.status OR OLD.error IS NOT NEW.error
    OR OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at
    OR OLD.measured_ms IS NOT NEW.measured_ms OR OLD.tool IS NOT NEW.tool
    OR OLD.summary IS NOT NEW.summary OR OLD.prompt_id IS NOT NEW.prompt_id
    OR OLD.thread_id IS NOT NEW.thread_id OR OLD.project IS NOT NEW.project
    OR OLD.session_id IS NOT NEW.session_id OR OLD.sources IS NOT NEW.sources
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER hook_events_dirty_insert;
CREATE TRIGGER hook_events_dirty_insert AFTER INSERT ON hook_events
  WHEN NEW.session_id IS NOT NULL
BEGIN
  INSERT INTO derive_dirty VALUES (NEW.agent, NEW.session_id) ON CONFLICT DO NOTHING;
END;

DROP TRIGGER hook_events_dirty_update;
CREATE TRIGGER hook_events_dirty_update AFTER UPDATE ON hook_events
  WHEN OLD.session_id IS NOT NEW.session_id
    OR ((OLD.event IN ('PermissionRequest', 'Notification')
         OR NEW.event IN ('PermissionRequest', 'Notification'))
        AND (OLD.received_at IS NOT NEW.received_at OR OLD.event IS NOT NEW.event
             OR OLD.payload IS NOT NEW.payload))
BEGIN
  INSERT INTO derive_dirty SELECT OLD.agent, OLD.session_id
    WHERE OLD.session_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO derive_dirty SELECT NEW.agent, NEW.session_id
    WHERE NEW.session_id IS NOT NULL ON CONFLICT DO NOTHING;
END;

DROP TRIGGER hook_events_dirty_delete;
CREATE TRIGGER hook_events_dirty_delete AFTER DELETE ON hook_events
  WHEN OLD.session_id IS NOT NULL
BEGIN
  INSERT INTO derive_dirty VALUES (OLD.agent, OLD.session_id) ON CONFLICT DO NOTHING;
END;

-- An existing database: every session is recomputed once, at the first read or idle moment.
INSERT INTO derive_dirty SELECT agent, session_id FROM sessions WHERE true
  ON CONFLICT DO NOTHING;
