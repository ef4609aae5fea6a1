package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SurveyYears lists the years a survey has responses in, newest first.
// Each step asks the period index for the latest year before the last
// one found, so the cost does not grow with the responses.
func (db *DB) SurveyYears(ctx context.Context, survey string) ([]int, error) {
	var out []int
	before := 1 << 30
	for {
		var y sql.NullInt64
		if err := db.read.QueryRowContext(ctx, "SELECT max(year) FROM responses WHERE survey = ? AND year < ?", survey, before).Scan(&y); err != nil {
			return nil, fmt.Errorf("survey years: %w", err)
		}
		if !y.Valid {
			return out, nil
		}
		out = append(out, int(y.Int64))
		before = int(y.Int64)
	}
}
