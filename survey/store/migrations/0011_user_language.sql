-- Each staff user's chosen language for the staff pages; '' follows the
-- browser's.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT '';
