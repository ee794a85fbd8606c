-- flightlog schema v7 for SQLite: how many secrets the redaction rules removed, per session,
-- channel and kind of secret. Never a secret value: only counts and when they were first and last
-- counted. Written by store.FactWriter in the same transaction as the batch whose content was
-- redacted (source is the channel's wire name), and by flightlog redact (source 'retroactive').
-- session_id is '' when the input named no session.
CREATE TABLE redactions (
  agent      TEXT    NOT NULL,
  session_id TEXT    NOT NULL,
  source     TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  count      INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  PRIMARY KEY (agent, session_id, source, kind)
) WITHOUT ROWID;
CREATE INDEX redactions_last_seen ON redactions (last_seen);
