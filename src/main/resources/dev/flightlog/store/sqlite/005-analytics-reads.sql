-- flightlog schema for SQLite: what the reports need to stay within PRODUCT.md §8's 100 ms at a
-- million records (docs/benchmarks.md, "Analytics at a million"; RATIONALE.md, "Reads at a million").

-- The usage rollup per whole UTC hour since the epoch (epoch ms / 3,600,000; unknown times in hour
-- 0), model and agent, without the project: the 5-hour blocks read every active hour of their range,
-- and split by project the hour table (usage_hour) holds about three times as many rows (89 k
-- against 30 k for the benchmark's year), which costs more to hand over than SQLite takes to read.
-- Same counters and rules as the other usage rollups (001-records.sql); blocks with a project in
-- the filter read usage_hour.
CREATE TABLE usage_hour_model (
  hour                       INTEGER NOT NULL,
  model                      TEXT    NOT NULL,
  agent                      TEXT    NOT NULL,
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
  PRIMARY KEY (hour, model, agent)
) WITHOUT ROWID;

INSERT INTO usage_hour_model
  SELECT COALESCE(at, 0) / 3600000, model, agent, COUNT(*), SUM(input_tokens), SUM(output_tokens),
         SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
         SUM(COALESCE(agent_cost_usd, 0)), SUM(agent_cost_usd IS NOT NULL),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN input_tokens ELSE 0 END),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN output_tokens ELSE 0 END),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_read_tokens ELSE 0 END),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_write_5m_tokens ELSE 0 END),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_write_1h_tokens ELSE 0 END),
         SUM(CASE WHEN agent_cost_usd IS NULL THEN COALESCE(state_cost_usd, 0) ELSE 0 END),
         SUM(agent_cost_usd IS NULL AND state_cost_usd IS NOT NULL)
    FROM model_requests
   GROUP BY 1, 2, 3;

CREATE TRIGGER model_requests_hour_model_insert AFTER INSERT ON model_requests
BEGIN
  INSERT INTO usage_hour_model VALUES (
      COALESCE(NEW.at, 0) / 3600000,
      NEW.model,
      NEW.agent,
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
    ON CONFLICT (hour, model, agent) DO UPDATE SET
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

CREATE TRIGGER model_requests_hour_model_update AFTER UPDATE ON model_requests
  WHEN OLD.at IS NOT NEW.at OR OLD.model IS NOT NEW.model OR OLD.input_tokens IS NOT NEW.input_tokens OR OLD.output_tokens IS NOT NEW.output_tokens OR OLD.cache_read_tokens IS NOT NEW.cache_read_tokens OR OLD.cache_write_5m_tokens IS NOT NEW.cache_write_5m_tokens OR OLD.cache_write_1h_tokens IS NOT NEW.cache_write_1h_tokens OR OLD.agent_cost_usd IS NOT NEW.agent_cost_usd OR OLD.state_cost_usd IS NOT NEW.state_cost_usd
BEGIN
  INSERT INTO usage_hour_model VALUES (
      COALESCE(OLD.at, 0) / 3600000,
      OLD.model,
      OLD.agent,
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
    ON CONFLICT (hour, model, agent) DO UPDATE SET
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
  INSERT INTO usage_hour_model VALUES (
      COALESCE(NEW.at, 0) / 3600000,
      NEW.model,
      NEW.agent,
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
    ON CONFLICT (hour, model, agent) DO UPDATE SET
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
  DELETE FROM usage_hour_model
    WHERE hour = COALESCE(OLD.at, 0) / 3600000 AND model = OLD.model AND agent = OLD.agent
      AND requests = 0;
END;

CREATE TRIGGER model_requests_hour_model_delete AFTER DELETE ON model_requests
BEGIN
  INSERT INTO usage_hour_model VALUES (
      COALESCE(OLD.at, 0) / 3600000,
      OLD.model,
      OLD.agent,
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
    ON CONFLICT (hour, model, agent) DO UPDATE SET
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
  DELETE FROM usage_hour_model
    WHERE hour = COALESCE(OLD.at, 0) / 3600000 AND model = OLD.model AND agent = OLD.agent
      AND requests = 0;
END;

-- The prompts per project, in time order and covering what the project report's count reads, so
-- that it reads this index in project order instead of every prompt row and sorting them.
CREATE INDEX prompts_project ON prompts (project, started_at, agent, session_id);

-- The tool calls of one project in time order: tool durations for a project filter read the raw
-- rows of the project's calls rather than every call of the range.
CREATE INDEX tool_calls_project ON tool_calls (project, started_at);
