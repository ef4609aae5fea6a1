package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Rollup is one count of a survey's month as reports read it: Count
// responses given in Version that share every dimension value (value
// keys, "" for none) and gave Item the value Value; Item and Value are ""
// for the count of the responses themselves.
type Rollup struct {
	Month, Version          int
	Card, Unit              string // card code and unit name, "" for none
	Channel, Lang           string
	Gender, Age, ClientTime string
	Item, Value             string
	Count                   int
}

// EachYearRollup calls fn for every rollup row of survey's year, months
// 1 through through: one range of the table. fn must not keep r, which
// is reused.
func (db *DB) EachYearRollup(ctx context.Context, survey string, year, through int, fn func(r *Rollup) error) error {
	cards, err := db.names(ctx, "SELECT id, code FROM cards")
	if err != nil {
		return fmt.Errorf("read cards: %w", err)
	}
	units, err := db.names(ctx, "SELECT id, name FROM units")
	if err != nil {
		return fmt.Errorf("read units: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT month, version, card_id, unit_id, channel, lang, gender, age, client_time, item, value, count
		FROM rollups WHERE survey = ? AND year = ? AND month <= ?`, survey, year, through)
	if err != nil {
		return fmt.Errorf("read rollups: %w", err)
	}
	defer rows.Close()
	intern := interner()
	var r Rollup
	var cardID, unitID int64
	var channel, lang, gender, age, clientTime, item, value sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&r.Month, &r.Version, &cardID, &unitID, &channel, &lang, &gender, &age, &clientTime, &item, &value, &r.Count); err != nil {
			return fmt.Errorf("read rollups: %w", err)
		}
		r.Card, r.Unit = cards[cardID], units[unitID]
		r.Channel, r.Lang = intern(channel), intern(lang)
		r.Gender, r.Age, r.ClientTime = intern(gender), intern(age), intern(clientTime)
		r.Item, r.Value = intern(item), intern(value)
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}
