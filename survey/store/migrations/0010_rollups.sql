-- Monthly rollups: every figure a report shows is counted here as the
-- responses arrive, so a report reads a few thousand counts instead of
-- every response and answer of a year.
--
-- One row counts the responses of one month that share every dimension
-- value (version, card, unit, channel, language, gender, age band, client
-- band) and gave item the value `value`; item '' and value '' count the
-- responses themselves. Values are the keys reports use (option keys,
-- '1'…'5', band keys), worked out from the response's own instrument
-- version, so that reading needs no instrument of the past. '' and 0 stand
-- for no value (no gender answered, no card, no unit).
--
-- The primary key starts with survey and year, so one survey's year, or
-- its months up to one, is one range of the tree. The writer keeps the
-- rows in the transaction that stores or deletes a response; `palaute
-- rollup rebuild` counts them again from the responses. The counts of the
-- responses stored before this migration are filled in by the store in
-- the migration's own transaction (rollup.go), since which item gives
-- which respondent dimension is known only from the instruments.

CREATE TABLE rollups (
	survey      TEXT NOT NULL,
	year        INTEGER NOT NULL,
	month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	version     INTEGER NOT NULL,
	card_id     INTEGER NOT NULL,
	unit_id     INTEGER NOT NULL,
	channel     TEXT NOT NULL,
	lang        TEXT NOT NULL,
	gender      TEXT NOT NULL,
	age         TEXT NOT NULL,
	client_time TEXT NOT NULL,
	item        TEXT NOT NULL,
	value       TEXT NOT NULL,
	count       INTEGER NOT NULL CHECK (count >= 0),
	PRIMARY KEY (survey, year, month, version, card_id, unit_id, channel, lang, gender, age, client_time, item, value)
) WITHOUT ROWID;
