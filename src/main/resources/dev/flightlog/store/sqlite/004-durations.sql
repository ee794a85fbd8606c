-- flightlog schema for SQLite: tool durations kept as histograms, so that duration percentiles over
-- long ranges read a few thousand rows instead of every tool call (docs/metrics.md, "Tool
-- durations"; RATIONALE.md, "Duration histograms").

-- A tool call's duration: measured by the agent, else end minus start when both are known and the
-- end is not before the start (as before in store.Reads). Computed when read, never stored.
ALTER TABLE tool_calls ADD COLUMN duration_ms INTEGER GENERATED ALWAYS AS (
  COALESCE(measured_ms, CASE WHEN ended_at >= started_at THEN ended_at - started_at END)) VIRTUAL;

-- Its bin: the duration rounded down to three significant digits, so exact below 1,000 ms, and
-- from there on within 1 % of every duration in the bin (1,234 ms is in bin 1,230; 98,765 in
-- 98,700). store.DurationHistogram.bin is the same function in Java.
ALTER TABLE tool_calls ADD COLUMN duration_bin INTEGER GENERATED ALWAYS AS (
  CASE WHEN duration_ms < 1000 THEN duration_ms
       WHEN duration_ms < 10000 THEN duration_ms / 10 * 10
       WHEN duration_ms < 100000 THEN duration_ms / 100 * 100
       WHEN duration_ms < 1000000 THEN duration_ms / 1000 * 1000
       WHEN duration_ms < 10000000 THEN duration_ms / 10000 * 10000
       WHEN duration_ms < 100000000 THEN duration_ms / 100000 * 100000
       WHEN duration_ms < 1000000000 THEN duration_ms / 1000000 * 1000000
       WHEN duration_ms < 10000000000 THEN duration_ms / 10000000 * 10000000
       WHEN duration_ms < 100000000000 THEN duration_ms / 100000000 * 100000000
       WHEN duration_ms < 1000000000000 THEN duration_ms / 1000000000 * 1000000000
       WHEN duration_ms < 10000000000000 THEN duration_ms / 10000000000 * 10000000000
       WHEN duration_ms < 100000000000000 THEN duration_ms / 100000000000 * 100000000000
       WHEN duration_ms < 1000000000000000 THEN duration_ms / 1000000000000 * 1000000000000
       WHEN duration_ms < 10000000000000000 THEN duration_ms / 10000000000000 * 10000000000000
       WHEN duration_ms < 100000000000000000 THEN duration_ms / 100000000000000 * 100000000000000
       WHEN duration_ms < 1000000000000000000 THEN duration_ms / 1000000000000000 * 1000000000000000
       ELSE duration_ms / 10000000000000000 * 10000000000000000 END) VIRTUAL;

-- Finished tool calls with a duration, per 32-day UTC block (the block of the tool rollups: the
-- call's start, else end, else 0), tool, bin and agent. No project and no finer level of time: at
-- those the rows would be nearly as many as the calls (see RATIONALE.md). Key order puts the rows
-- of one tool and bin together, so sums over blocks are read in key order without a sort.
CREATE TABLE tool_duration_block (
  tool   TEXT    NOT NULL,
  bin    INTEGER NOT NULL,
  block  INTEGER NOT NULL,
  agent  TEXT    NOT NULL,
  calls  INTEGER NOT NULL,
  PRIMARY KEY (tool, bin, block, agent)
) WITHOUT ROWID;

INSERT INTO tool_duration_block
  SELECT COALESCE(tool, ''), duration_bin, COALESCE(started_at, ended_at, 0) / 2764800000, agent,
         COUNT(*)
    FROM tool_calls
   WHERE status <> 'pending' AND duration_bin IS NOT NULL
   GROUP BY 1, 2, 3, 4;

CREATE TRIGGER tool_calls_durations_insert AFTER INSERT ON tool_calls
  WHEN NEW.status <> 'pending' AND NEW.duration_bin IS NOT NULL
BEGIN
  INSERT INTO tool_duration_block VALUES (
      COALESCE(NEW.tool, ''), NEW.duration_bin,
      COALESCE(NEW.started_at, NEW.ended_at, 0) / 2764800000, NEW.agent, 1)
    ON CONFLICT (tool, bin, block, agent) DO UPDATE SET calls = calls + 1;
END;

CREATE TRIGGER tool_calls_durations_update AFTER UPDATE ON tool_calls
  WHEN OLD.tool IS NOT NEW.tool OR OLD.duration_bin IS NOT NEW.duration_bin
    OR (OLD.status = 'pending') IS NOT (NEW.status = 'pending')
    OR COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000
       IS NOT COALESCE(NEW.started_at, NEW.ended_at, 0) / 2764800000
BEGIN
  INSERT INTO tool_duration_block
    SELECT COALESCE(OLD.tool, ''), OLD.duration_bin,
           COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000, OLD.agent, -1
     WHERE OLD.status <> 'pending' AND OLD.duration_bin IS NOT NULL
    ON CONFLICT (tool, bin, block, agent) DO UPDATE SET calls = calls + excluded.calls;
  DELETE FROM tool_duration_block
   WHERE tool = COALESCE(OLD.tool, '') AND bin = OLD.duration_bin
     AND block = COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000 AND agent = OLD.agent
     AND calls = 0;
  INSERT INTO tool_duration_block
    SELECT COALESCE(NEW.tool, ''), NEW.duration_bin,
           COALESCE(NEW.started_at, NEW.ended_at, 0) / 2764800000, NEW.agent, 1
     WHERE NEW.status <> 'pending' AND NEW.duration_bin IS NOT NULL
    ON CONFLICT (tool, bin, block, agent) DO UPDATE SET calls = calls + excluded.calls;
END;

CREATE TRIGGER tool_calls_durations_delete AFTER DELETE ON tool_calls
  WHEN OLD.status <> 'pending' AND OLD.duration_bin IS NOT NULL
BEGIN
  INSERT INTO tool_duration_block
    SELECT COALESCE(OLD.tool, ''), OLD.duration_bin,
           COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000, OLD.agent, -1
     WHERE OLD.status <> 'pending' AND OLD.duration_bin IS NOT NULL
    ON CONFLICT (tool, bin, block, agent) DO UPDATE SET calls = calls + excluded.calls;
  DELETE FROM tool_duration_block
   WHERE tool = COALESCE(OLD.tool, '') AND bin = OLD.duration_bin
     AND block = COALESCE(OLD.started_at, OLD.ended_at, 0) / 2764800000 AND agent = OLD.agent
     AND calls = 0;
END;
