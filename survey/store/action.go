package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// Action is a development action taken because of feedback.
type Action struct {
	ID    int64
	Unit  string // empty: every unit
	Month string // YYYY-MM
	Text  map[string]string
}

var monthPattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// AddAction records an action.
func (db *DB) AddAction(ctx context.Context, a Action) (Action, error) {
	if !monthPattern.MatchString(a.Month) {
		return a, fmt.Errorf("%w: month %q must be YYYY-MM", ErrInvalid, a.Month)
	}
	for _, l := range []string{"fi", "sv", "en"} {
		a.Text[l] = strings.TrimSpace(a.Text[l])
		if a.Text[l] == "" || len([]rune(a.Text[l])) > 500 {
			return a, fmt.Errorf("%w: the action needs a text of at most 500 characters in fi, sv and en", ErrInvalid)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return a, err
	}
	defer tx.Rollback()
	var unitID sql.NullInt64
	if a.Unit != "" {
		u, err := ensureUnit(ctx, tx, a.Unit, db.timestamp())
		if err != nil {
			return a, err
		}
		unitID = sql.NullInt64{Int64: u.ID, Valid: true}
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO actions (unit_id, month, text_fi, text_sv, text_en, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		unitID, a.Month, a.Text["fi"], a.Text["sv"], a.Text["en"], db.timestamp())
	if err != nil {
		return a, err
	}
	a.ID, _ = res.LastInsertId()
	return a, tx.Commit()
}

// Actions lists the actions of a unit (and those for every unit) from
// month on, newest first; an empty unit lists them all.
func (db *DB) Actions(ctx context.Context, unit, fromMonth string) ([]Action, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, coalesce(u.name, ''), a.month, a.text_fi, a.text_sv, a.text_en
		FROM actions a LEFT JOIN units u ON u.id = a.unit_id
		WHERE a.month >= ? AND (? = '' OR a.unit_id IS NULL OR u.name = ?) ORDER BY a.month DESC, a.id DESC`, fromMonth, unit, unit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Action
	for rows.Next() {
		a := Action{Text: map[string]string{}}
		var fi, sv, en string
		if err := rows.Scan(&a.ID, &a.Unit, &a.Month, &fi, &sv, &en); err != nil {
			return nil, err
		}
		a.Text["fi"], a.Text["sv"], a.Text["en"] = fi, sv, en
		out = append(out, a)
	}
	return out, rows.Err()
}

// DeleteAction removes an action.
func (db *DB) DeleteAction(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM actions WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("action %d: %w", id, ErrNotFound)
	}
	return nil
}
