-- API tokens remember the month they were last used, the audit log is
-- searched by who and what, and /healthz proves that the database still
-- takes writes by rewriting one row.
ALTER TABLE api_tokens ADD COLUMN last_used TEXT;

CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);

CREATE TABLE health_probe (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	at TEXT NOT NULL
);
