-- Each recorded run: the JSON report whole, and the columns history and
-- diff index on. The store holds tenant data (names, UPNs in the report),
-- never credentials or tokens.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id      TEXT NOT NULL,
  tenant_name    TEXT NOT NULL DEFAULT '',
  alias          TEXT NOT NULL DEFAULT '',
  collected_at   TEXT NOT NULL,
  generated_at   TEXT NOT NULL,
  tool           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  command        TEXT NOT NULL,
  run_by         TEXT NOT NULL DEFAULT '',
  auth_mode      TEXT NOT NULL DEFAULT '',
  demo           INTEGER NOT NULL DEFAULT 0,
  grade          TEXT NOT NULL,
  score_worst    REAL NOT NULL,
  score_best     REAL NOT NULL,
  coverage       REAL NOT NULL,
  report_json    TEXT NOT NULL
);
CREATE INDEX runs_tenant_time ON runs (tenant_id, collected_at);

CREATE TABLE check_results (
  run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  check_id TEXT NOT NULL,
  status   TEXT NOT NULL,
  score    REAL,
  PRIMARY KEY (run_id, check_id)
);

CREATE TABLE findings (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  check_id    TEXT NOT NULL,
  code        TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  object_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX findings_run ON findings (run_id);
