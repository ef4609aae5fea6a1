-- "You said — we did": what the quality group changed because of the
-- feedback, per month and optionally per unit, in every language, for the
-- lobby poster.
CREATE TABLE actions (
	id         INTEGER PRIMARY KEY,
	unit_id    INTEGER REFERENCES units (id),
	month      TEXT NOT NULL,
	text_fi    TEXT NOT NULL,
	text_sv    TEXT NOT NULL,
	text_en    TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX actions_by_month ON actions (month);
