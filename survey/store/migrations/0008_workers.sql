-- Workers: a login that prints and reads only its own cards.

-- SQLite cannot change a CHECK constraint in place: the users table is
-- built anew with the worker role. Dropping the old table would end every
-- session (ON DELETE CASCADE), so the sessions are kept aside and put back.
CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;
CREATE TABLE users_new (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'quality', 'entry', 'worker')),
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	disabled_at   TEXT
);
INSERT INTO users_new (id, name, role, password_hash, created_at, disabled_at)
	SELECT id, name, role, password_hash, created_at, disabled_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
INSERT INTO sessions SELECT * FROM temp.sessions_kept;
DROP TABLE temp.sessions_kept;

-- The cards a worker's login is linked to.
CREATE TABLE user_cards (
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	card_id INTEGER NOT NULL REFERENCES cards (id),
	PRIMARY KEY (user_id, card_id)
) WITHOUT ROWID;

-- How many cards each worker has printed on a day (the organisation's
-- date), for the daily limit.
CREATE TABLE worker_prints (
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day     TEXT NOT NULL,
	cards   INTEGER NOT NULL,
	PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
