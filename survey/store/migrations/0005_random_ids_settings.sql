-- Disclosure control (product contract §6).
--
-- Response keys carry no arrival order: a row's id is the response's day
-- (days since 2000-01-01, which the row keeps anyway) above 46 random
-- bits, so neither the table's order nor an id says which of a day's
-- responses came first. Responses stored before this migration get new
-- ids here; their answers and texts follow them.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE rekey (old INTEGER PRIMARY KEY, new INTEGER NOT NULL UNIQUE);
INSERT INTO rekey (old, new) SELECT id, (CAST(julianday(day) - julianday('2000-01-01') AS INTEGER) << 46) | (random() & 70368744177663) FROM responses;
UPDATE answers SET response_id = -(SELECT new FROM rekey WHERE old = answers.response_id);
UPDATE texts SET response_id = -(SELECT new FROM rekey WHERE old = texts.response_id);
UPDATE responses SET id = -(SELECT new FROM rekey WHERE old = responses.id);
UPDATE answers SET response_id = -response_id;
UPDATE texts SET response_id = -response_id;
UPDATE responses SET id = -id;
DROP TABLE rekey;

-- Organisation settings, one row a setting. The anonymity threshold lives
-- here so that serving and exporting use the same value.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
