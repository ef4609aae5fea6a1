-- Staff sessions, the audit log and panel contacts.

-- Server-side sessions. The cookie carries a random id; only its SHA-256
-- is kept. last_seen (Unix seconds) decides the 30-minute idle timeout.
CREATE TABLE sessions (
	id_hash    BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen  INTEGER NOT NULL
) WITHOUT ROWID;

-- Who did what and when. Triggers refuse every change and deletion, so
-- nobody can edit the log through Palaute or by hand with SQL it runs.
CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;

-- Clients who offer to help develop the services. Nothing links a contact
-- to a response: no response id, device or unit; the key is random, so
-- the order of the rows says nothing of the order they came in; and only
-- the month is kept, for retention.
CREATE TABLE panel_contacts (
	id      BLOB PRIMARY KEY,
	month   TEXT NOT NULL,
	lang    TEXT NOT NULL,
	name    TEXT NOT NULL,
	contact TEXT NOT NULL,
	note    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
