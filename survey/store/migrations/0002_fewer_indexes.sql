-- Every index on responses is paid for on each insert, and submissions are
-- the hot path. Reports always name a survey and a year, so
-- responses_by_period (survey, year, month, card_id, unit_id) already
-- serves per-card and per-unit breakdowns: the range for one survey and
-- year is scanned inside the index, with card_id and unit_id read from
-- the same entries. The card-first and unit-first indexes only doubled
-- the write cost.
DROP INDEX responses_by_card;
DROP INDEX responses_by_unit;
