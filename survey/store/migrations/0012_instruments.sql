-- Instrument versions published in the editor or through the API, and
-- the draft of each survey's next version. A published version is never
-- changed or deleted: responses given in it are counted by it.
CREATE TABLE instruments (
	survey       TEXT NOT NULL,
	version      INTEGER NOT NULL CHECK (version >= 1),
	definition   TEXT NOT NULL,
	published_at TEXT NOT NULL,
	published_by TEXT NOT NULL,
	PRIMARY KEY (survey, version)
) WITHOUT ROWID;

CREATE TABLE instrument_drafts (
	survey     TEXT PRIMARY KEY,
	definition TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
) WITHOUT ROWID;

-- The instruments a unit's kiosks offer; a unit with none listed offers
-- the default: the visit card, and the annual survey in its period.
CREATE TABLE unit_surveys (
	unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
	survey  TEXT NOT NULL,
	PRIMARY KEY (unit_id, survey)
) WITHOUT ROWID;
