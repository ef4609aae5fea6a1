package store

import (
	"context"
	"fmt"
)

// ItemCount is how many responses gave one value to one item in one
// month.
type ItemCount struct {
	Month  int
	Item   string
	Num    int64  // numeric items
	Choice string // choice items
	Count  int
}

// ItemCounts counts the answers of a survey's year by month, item and
// value: the sufficient statistics every report figure is computed from.
// It walks responses_by_period for the year and reads each response's
// answers by their primary key.
func (db *DB) ItemCounts(ctx context.Context, survey string, year int) ([]ItemCount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT r.month, a.item, coalesce(a.num, 0), coalesce(a.choice, ''), count(*)
		FROM responses r JOIN answers a ON a.response_id = r.id
		WHERE r.survey = ? AND r.year = ?
		GROUP BY r.month, a.item, a.num, a.choice`, survey, year)
	if err != nil {
		return nil, fmt.Errorf("count answers: %w", err)
	}
	defer rows.Close()
	var out []ItemCount
	for rows.Next() {
		var c ItemCount
		if err := rows.Scan(&c.Month, &c.Item, &c.Num, &c.Choice, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
