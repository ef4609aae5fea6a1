package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// Source says where a response came from beyond what it carries itself.
type Source struct {
	// UnitID is the unit of the submitting device, used when the response
	// has no card of a unit; 0 for none.
	UnitID int64
	// CardTokenHash, when set, is the stored form (HashSecret) of a
	// one-time card token the response uses up.
	CardTokenHash []byte
	// Replace makes the response take the place of the paper response
	// stored under its id: a correction. ErrNotFound when there is none.
	Replace bool
}

// Statements of the submission path.
const (
	qUseCardToken  = "UPDATE card_tokens SET used = 1 WHERE token_hash = ? AND used = 0"
	qCardUnit      = "SELECT id, unit_id FROM cards WHERE code = ?"
	qReplacedPaper = "DELETE FROM responses WHERE uuid = ? AND channel = 'paper'"
	qPaperExists   = "SELECT 1 FROM responses WHERE uuid = ? AND channel = 'paper'"
)

// yearMonth splits a YYYY-MM-DD day.
func yearMonth(day string) (int, int, error) {
	if len(day) != 10 {
		return 0, 0, fmt.Errorf("day %q is not YYYY-MM-DD", day)
	}
	y, err1 := strconv.Atoi(day[:4])
	m, err2 := strconv.Atoi(day[5:7])
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("day %q is not YYYY-MM-DD", day)
	}
	return y, m, nil
}

// CountResponses returns how many responses are stored, per survey.
func (db *DB) CountResponses(ctx context.Context) (map[string]int, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT survey, count(*) FROM responses GROUP BY survey")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// StoredResponse is a response as read back, for checks and exports.
type StoredResponse struct {
	ID      string
	Survey  string
	Version int
	Day     string
	Lang    string
	Channel string
	Card    string
	Unit    string
	Answers map[string]string // item → value as text
}

// ResponseByID reads one response back by its client id.
func (db *DB) ResponseByID(ctx context.Context, id string) (StoredResponse, error) {
	var r StoredResponse
	var rowID int64
	err := db.read.QueryRowContext(ctx, `SELECT r.id, r.uuid, r.survey, r.version, r.day, r.lang, r.channel,
		coalesce(c.code, ''), coalesce(u.name, '')
		FROM responses r LEFT JOIN cards c ON c.id = r.card_id LEFT JOIN units u ON u.id = r.unit_id
		WHERE r.uuid = ?`, id).Scan(&rowID, &r.ID, &r.Survey, &r.Version, &r.Day, &r.Lang, &r.Channel, &r.Card, &r.Unit)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("response %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT item, coalesce(choice, CAST(num AS TEXT)) FROM answers WHERE response_id = ?
		UNION ALL SELECT item, body FROM texts WHERE response_id = ?`, rowID, rowID)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	r.Answers = map[string]string{}
	for rows.Next() {
		var item, value string
		if err := rows.Scan(&item, &value); err != nil {
			return r, err
		}
		r.Answers[item] = value
	}
	return r, rows.Err()
}
