package store

import (
	"context"
	"database/sql"
	"fmt"
)

// YearResponse is one response as reports read it: its month, card, unit,
// channel, language and closed answers. It has no day and no time, and
// ID is a random row key, only good for joining the response's texts.
type YearResponse struct {
	ID      int64
	Month   int
	Card    string // card code, "" for none
	Unit    string // unit name, "" for none
	Channel string
	Lang    string
	Answers []ClosedAnswer
}

// ClosedAnswer is one answer to a closed item: Num for numeric items,
// Choice for choice items.
type ClosedAnswer struct {
	Item   string
	Num    int64
	Choice string
}

// EachYearResponse calls fn for every response to survey given in year,
// in months 1 through through, in key order (which is no order of
// arrival). fn must not keep r, which is reused. One pass reads each
// response's answers by their primary key beside it, so memory stays flat.
// With withText, only the responses that have free text are read.
func (db *DB) EachYearResponse(ctx context.Context, survey string, year, through int, withText bool, fn func(r *YearResponse) error) error {
	cards, err := db.names(ctx, "SELECT id, code FROM cards")
	if err != nil {
		return err
	}
	units, err := db.names(ctx, "SELECT id, name FROM units")
	if err != nil {
		return err
	}
	// The LEFT JOIN keeps responses that have only free text, and makes
	// responses the outer loop: each response's answers come together.
	query := `SELECT r.id, r.month, coalesce(r.card_id, 0), coalesce(r.unit_id, 0), r.channel, r.lang,
		a.item, a.num, a.choice
		FROM responses r LEFT JOIN answers a ON a.response_id = r.id
		WHERE r.survey = ? AND r.year = ? AND r.month <= ?`
	if withText {
		query += " AND EXISTS (SELECT 1 FROM texts x WHERE x.response_id = r.id)"
	}
	rows, err := db.read.QueryContext(ctx, query, survey, year, through)
	if err != nil {
		return fmt.Errorf("read responses: %w", err)
	}
	defer rows.Close()
	intern := interner()
	var cur YearResponse
	have := false
	var id, cardID, unitID int64
	var month int
	var channel, lang, item, choice sql.RawBytes
	var num sql.NullInt64
	for rows.Next() {
		if err := rows.Scan(&id, &month, &cardID, &unitID, &channel, &lang, &item, &num, &choice); err != nil {
			return err
		}
		if !have || id != cur.ID {
			if have {
				if err := fn(&cur); err != nil {
					return err
				}
			}
			have = true
			cur = YearResponse{ID: id, Month: month, Card: cards[cardID], Unit: units[unitID],
				Channel: intern(channel), Lang: intern(lang), Answers: cur.Answers[:0]}
		}
		if item != nil {
			cur.Answers = append(cur.Answers, ClosedAnswer{Item: intern(item), Num: num.Int64, Choice: intern(choice)})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if have {
		return fn(&cur)
	}
	return nil
}

// names reads an id → name table.
func (db *DB) names(ctx context.Context, query string) (map[int64]string, error) {
	rows, err := db.read.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// EachYearText calls fn for every free-text answer to survey given in
// year, months 1 through through, with the row key of its response.
func (db *DB) EachYearText(ctx context.Context, survey string, year, through int, fn func(id int64, item, body string) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT r.id, x.item, x.body FROM responses r JOIN texts x ON x.response_id = r.id
		WHERE r.survey = ? AND r.year = ? AND r.month <= ?`, survey, year, through)
	if err != nil {
		return fmt.Errorf("read texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var item, body string
		if err := rows.Scan(&id, &item, &body); err != nil {
			return err
		}
		if err := fn(id, item, body); err != nil {
			return err
		}
	}
	return rows.Err()
}

// YearVersions lists the instrument versions the survey's responses of
// year, months 1 through through, were given in.
func (db *DB) YearVersions(ctx context.Context, survey string, year, through int) ([]int, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT version FROM rollups WHERE survey = ? AND year = ? AND month <= ? ORDER BY 1`,
		survey, year, through)
	if err != nil {
		return nil, fmt.Errorf("read versions: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// interner returns a function that turns the bytes of a scanned column
// into a string, one string per distinct value: the few channels,
// languages, items and values a long read repeats cost one allocation
// each.
func interner() func(sql.RawBytes) string {
	seen := map[string]string{}
	return func(b sql.RawBytes) string {
		if s, ok := seen[string(b)]; ok {
			return s
		}
		s := string(b)
		seen[s] = s
		return s
	}
}
