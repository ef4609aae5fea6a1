-- The kiosk fleet: each paired tablet reports its state, and each unit has
-- opening hours, during which a tablet that has gone quiet is an alarm.
--
-- Opening hours are local times HH:MM in the organisation's time zone and
-- the ISO weekdays they hold on (1 Monday … 7 Sunday). The default is
-- Monday to Friday, 8 to 16.
ALTER TABLE units ADD COLUMN opens TEXT NOT NULL DEFAULT '08:00'
	CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE units ADD COLUMN closes TEXT NOT NULL DEFAULT '16:00'
	CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE units ADD COLUMN days TEXT NOT NULL DEFAULT '12345'
	CHECK (days NOT GLOB '*[^1-7]*');

-- A command waiting for a kiosk's next heartbeat: reload fetches the app
-- again at the tablet's next idle moment, unpair returns it to the
-- pairing page.
ALTER TABLE kiosks ADD COLUMN command TEXT CHECK (command IN ('reload', 'unpair'));

-- The latest heartbeat of each kiosk, one row a kiosk, overwritten by the
-- next: no history, and nothing about answers. Times are UTC to the
-- minute.
CREATE TABLE kiosk_state (
	kiosk_id  INTEGER PRIMARY KEY REFERENCES kiosks (id) ON DELETE CASCADE,
	seen_at   TEXT NOT NULL,
	version   TEXT NOT NULL,
	outbox    INTEGER NOT NULL CHECK (outbox >= 0),
	last_sent TEXT,
	online    INTEGER NOT NULL CHECK (online IN (0, 1)),
	error     TEXT NOT NULL DEFAULT '',
	error_at  TEXT
);
