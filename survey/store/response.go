package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"palaute/survey"
)

// Source says where a response came from beyond what it carries itself.
type Source struct {
	// UnitID is the unit of the submitting device, used when the response
	// has no card of a unit; 0 for none.
	UnitID int64
	// CardToken, when set, is a one-time card token the response uses up.
	CardToken string
}

// SaveResponse stores a checked response in its own transaction and
// reports whether it was new. The same id with the same content is a
// resend: nothing is stored and created is false. The same id with other
// content is ErrConflict; a used card token is ErrTokenUsed. When it
// returns, the commit is durable (synchronous=FULL).
func (db *DB) SaveResponse(ctx context.Context, r survey.Response, src Source) (created bool, err error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	created, err = db.saveResponse(ctx, tx, r, src)
	if err != nil || !created {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit response: %w", err)
	}
	return true, nil
}

// SaveResponses stores many responses in one transaction, all or nothing,
// and returns how many were new. For imports and demo data.
func (db *DB) SaveResponses(ctx context.Context, rs []survey.Response) (int, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	jobs := make([]job, len(rs))
	for i, r := range rs {
		jobs[i] = job{r: r}
	}
	results, err := db.saveMany(ctx, tx, jobs)
	if err != nil {
		return 0, err
	}
	n := 0
	for i, res := range results {
		if res.err != nil {
			return 0, fmt.Errorf("response %d (%s): %w", i+1, rs[i].ID, res.err)
		}
		if res.created {
			n++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit responses: %w", err)
	}
	return n, nil
}

// Statements of the submission path.
const (
	qResponseHash   = "SELECT body_hash FROM responses WHERE uuid = ?"
	qUseCardToken   = "UPDATE card_tokens SET used = 1 WHERE token_hash = ? AND used = 0"
	qCardUnit       = "SELECT id, unit_id FROM cards WHERE code = ?"
	qInsertResponse = `INSERT INTO responses (id, uuid, body_hash, survey, version, day, year, month, lang, channel, card_id, unit_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qInsertText   = "INSERT INTO texts (response_id, item, body) VALUES (?, ?, ?)"
	qInsertChoice = "INSERT INTO answers (response_id, item, choice) VALUES (?, ?, ?)"
	qInsertNum    = "INSERT INTO answers (response_id, item, num) VALUES (?, ?, ?)"
)

func (db *DB) saveResponse(ctx context.Context, tx *sql.Tx, r survey.Response, src Source) (bool, error) {
	var stored []byte
	err := db.txQueryRow(ctx, tx, qResponseHash, r.ID).Scan(&stored)
	switch {
	case err == nil:
		if bytes.Equal(stored, r.Hash) {
			return false, nil
		}
		return false, fmt.Errorf("response %s: %w", r.ID, ErrConflict)
	case !errors.Is(err, sql.ErrNoRows):
		return false, fmt.Errorf("look up response id: %w", err)
	}
	if src.CardToken != "" {
		res, err := db.txExec(ctx, tx, qUseCardToken, HashSecret(src.CardToken))
		if err != nil {
			return false, fmt.Errorf("use card token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return false, ErrTokenUsed
		}
	}
	var cardID, unitID sql.NullInt64
	if src.UnitID != 0 {
		unitID = sql.NullInt64{Int64: src.UnitID, Valid: true}
	}
	if r.Card != "" {
		var cardUnit sql.NullInt64
		err := db.txQueryRow(ctx, tx, qCardUnit, r.Card).Scan(&cardID, &cardUnit)
		if errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("card %s: %w", r.Card, ErrNotFound)
		}
		if err != nil {
			return false, fmt.Errorf("look up card: %w", err)
		}
		if cardUnit.Valid {
			unitID = cardUnit
		}
	}
	year, month, err := yearMonth(r.Day)
	if err != nil {
		return false, err
	}
	id := newRowID(r.Day)
	if _, err := db.txExec(ctx, tx, qInsertResponse,
		id, r.ID, r.Hash, r.Survey, r.Version, r.Day, year, month, r.Lang, r.Channel, cardID, unitID); err != nil {
		return false, fmt.Errorf("insert response: %w", err)
	}
	for _, a := range r.Answers {
		switch {
		case a.Type == survey.TypeText:
			_, err = db.txExec(ctx, tx, qInsertText, id, a.Item, a.Text)
		case a.Type == survey.TypeChoice:
			_, err = db.txExec(ctx, tx, qInsertChoice, id, a.Item, a.Choice)
		default:
			_, err = db.txExec(ctx, tx, qInsertNum, id, a.Item, a.Num)
		}
		if err != nil {
			return false, fmt.Errorf("insert answer %s: %w", a.Item, err)
		}
	}
	return true, nil
}

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
