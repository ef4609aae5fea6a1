-- Palaute's first schema.
--
-- Privacy (product contract §5): a response keeps the day it was given,
-- survey and version, language, channel, card and unit, and its answers.
-- There is deliberately no column for an IP address, user agent, device,
-- user or time of day anywhere near the answers.
--
-- Layout for aggregation over millions of responses:
--
-- * `responses` holds one narrow row per response with the facets reports
--   filter and group by: survey, year, month, card, unit, channel, lang.
--   Year and month are stored as integers next to the day so that a report
--   can range-scan the index responses_by_period
--   (survey, year, month, card_id, unit_id) without parsing dates.
--
-- * `answers` holds one row per answered closed item (likert5, rating5,
--   choice, year, months), WITHOUT ROWID and keyed (response_id, item), so
--   the answers of one response are contiguous on disk: a report walks the
--   matching responses in the period index and reads each response's
--   answers with one range seek. Numeric answers are small integers and
--   choice answers short keys, so a yearly summary is a GROUP BY over
--   (item, value) counts; the mean, SD, distribution and rank tests are all
--   computed from those counts, never from single rows.
--
-- * `texts` holds free-text answers apart, so scans for figures never drag
--   long text pages through the cache, and so retention can delete free
--   text on its own schedule.
--
-- * Adding an item or an instrument needs no schema change: items are
--   rows, not columns.
--
-- * `responses.uuid` is the client's id; its UNIQUE index is what makes a
--   resend idempotent, durably, however late it arrives. body_hash tells a
--   true resend (200) from another response reusing the id (409).

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

CREATE TABLE cards (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z0-9]*' AND length(code) BETWEEN 1 AND 12),
	colour     TEXT NOT NULL CHECK (colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
	name_fi    TEXT NOT NULL,
	name_sv    TEXT NOT NULL,
	name_en    TEXT NOT NULL,
	worker     TEXT NOT NULL DEFAULT '',
	unit_id    INTEGER REFERENCES units (id),
	retired_at TEXT,
	created_at TEXT NOT NULL
);

-- Kiosk devices. The pairing token is shown once; only its SHA-256 is kept.
CREATE TABLE kiosks (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	unit_id    INTEGER REFERENCES units (id),
	token_hash BLOB NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	revoked_at TEXT
);

-- API tokens for reports, hashed like kiosk tokens.
CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('admin', 'quality')),
	token_hash BLOB NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	revoked_at TEXT
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'quality', 'entry')),
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	disabled_at   TEXT
);

-- One-time tokens printed on paper cards as QR codes. Nothing links a used
-- token to the response it produced.
CREATE TABLE card_tokens (
	token_hash BLOB PRIMARY KEY,
	card_id    INTEGER NOT NULL REFERENCES cards (id),
	created_at TEXT NOT NULL,
	used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE responses (
	id        INTEGER PRIMARY KEY,
	uuid      TEXT NOT NULL UNIQUE,
	body_hash BLOB NOT NULL,
	survey    TEXT NOT NULL,
	version   INTEGER NOT NULL,
	day       TEXT NOT NULL,
	year      INTEGER NOT NULL,
	month     INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	lang      TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	channel   TEXT NOT NULL CHECK (channel IN ('kiosk', 'paper', 'web')),
	card_id   INTEGER REFERENCES cards (id),
	unit_id   INTEGER REFERENCES units (id)
);

CREATE INDEX responses_by_period ON responses (survey, year, month, card_id, unit_id);
CREATE INDEX responses_by_card ON responses (card_id, survey, year);
CREATE INDEX responses_by_unit ON responses (unit_id, survey, year);

CREATE TABLE answers (
	response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
	item        TEXT NOT NULL,
	num         INTEGER,
	choice      TEXT,
	PRIMARY KEY (response_id, item),
	CHECK ((num IS NULL) <> (choice IS NULL))
) WITHOUT ROWID;

CREATE TABLE texts (
	response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
	item        TEXT NOT NULL,
	body        TEXT NOT NULL,
	PRIMARY KEY (response_id, item)
) WITHOUT ROWID;
