package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"palaute/survey"
)

// Multi-row statements come in a few fixed sizes, prepared when the
// database opens; a batch is cut into pieces of these sizes, largest
// first, so no statement is parsed on the hot path.
var (
	responseSizes = []int{64, 16, 4, 1}
	answerSizes   = []int{256, 64, 16, 4, 1}
)

const (
	insertResponsesPrefix = `INSERT INTO responses (id, uuid, body_hash, survey, version, day, year, month, lang, channel, card_id, unit_id) VALUES `
	insertAnswersPrefix   = "INSERT INTO answers (response_id, item, num, choice) VALUES "
	insertTextsPrefix     = "INSERT INTO texts (response_id, item, body) VALUES "
)

func insertResponsesSQL(rows int) string {
	return insertResponsesPrefix + placeholders(rows, 12)
}

// batchQueries are the multi-row statements, for preparing at open.
func batchQueries() []string {
	var qs []string
	for _, n := range responseSizes {
		qs = append(qs, insertResponsesSQL(n))
	}
	for _, n := range answerSizes {
		qs = append(qs, insertAnswersPrefix+placeholders(n, 4), insertTextsPrefix+placeholders(n, 3))
	}
	return qs
}

// pieces cuts n into sizes, largest first: 37 with 16, 4, 1 is 16, 16, 4, 1.
func pieces(n int, sizes []int) []int {
	var out []int
	for _, size := range sizes {
		for n >= size {
			out = append(out, size)
			n -= size
		}
	}
	return out
}

// saveMany stores many responses inside tx with a handful of multi-row
// statements instead of several statements per response: this is what
// lets one group commit serve many submissions cheaply. It decides for
// each job alone whether it is new, a resend, a conflict, a used token or
// an unknown card; an error return means the database failed and tx must
// be rolled back.
func (db *DB) saveMany(ctx context.Context, tx *sql.Tx, jobs []job) ([]result, error) {
	results := make([]result, len(jobs))
	seen, err := db.existingHashes(ctx, tx, jobs)
	if err != nil {
		return nil, err
	}
	cards, err := db.cardUnits(ctx, tx, jobs)
	if err != nil {
		return nil, err
	}
	var rows []newResponse
	for i, j := range jobs {
		r := j.r
		if h, ok := seen[r.ID]; ok {
			if !bytes.Equal(h, r.Hash) {
				results[i].err = fmt.Errorf("response %s: %w", r.ID, ErrConflict)
			}
			continue
		}
		row := newResponse{r: r}
		if j.src.UnitID != 0 {
			row.unitID = sql.NullInt64{Int64: j.src.UnitID, Valid: true}
		}
		if r.Card != "" {
			c, ok := cards[r.Card]
			if !ok {
				results[i].err = fmt.Errorf("card %s: %w", r.Card, ErrNotFound)
				continue
			}
			row.cardID = c.id
			if c.unit.Valid {
				row.unitID = c.unit
			}
		}
		if row.year, row.month, err = yearMonth(r.Day); err != nil {
			results[i].err = fmt.Errorf("%w: %v", ErrInvalid, err)
			continue
		}
		if j.src.CardToken != "" {
			res, err := db.txExec(ctx, tx, qUseCardToken, HashSecret(j.src.CardToken))
			if err != nil {
				return nil, fmt.Errorf("use card token: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				results[i].err = ErrTokenUsed
				continue
			}
		}
		seen[r.ID] = r.Hash
		rows = append(rows, row)
		results[i].created = true
	}
	if err := db.insertResponses(ctx, tx, rows); err != nil {
		return nil, err
	}
	return results, nil
}

type newResponse struct {
	r              survey.Response
	cardID, unitID sql.NullInt64
	year, month    int
}

type cardUnit struct{ id, unit sql.NullInt64 }

// existingHashes returns the stored hash of every job id already stored.
func (db *DB) existingHashes(ctx context.Context, tx *sql.Tx, jobs []job) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, j := range jobs {
		var h []byte
		err := db.txQueryRow(ctx, tx, qResponseHash, j.r.ID).Scan(&h)
		switch {
		case err == nil:
			out[j.r.ID] = h
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("look up response id: %w", err)
		}
	}
	return out, nil
}

// cardUnits returns the id and unit of every card the jobs name.
func (db *DB) cardUnits(ctx context.Context, tx *sql.Tx, jobs []job) (map[string]cardUnit, error) {
	out := map[string]cardUnit{}
	looked := map[string]bool{}
	for _, j := range jobs {
		code := j.r.Card
		if code == "" || looked[code] {
			continue
		}
		looked[code] = true
		var c cardUnit
		err := db.txQueryRow(ctx, tx, qCardUnit, code).Scan(&c.id, &c.unit)
		switch {
		case err == nil:
			out[code] = c
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("look up card: %w", err)
		}
	}
	return out, nil
}

// placeholders returns n groups of width question marks: "(?,?),(?,?)" or,
// for width 1, "?,?".
func placeholders(n, width int) string {
	group := strings.TrimSuffix(strings.Repeat("?,", width), ",")
	if width > 1 {
		group = "(" + group + ")"
	}
	return strings.TrimSuffix(strings.Repeat(group+",", n), ",")
}

// insertResponses writes the rows and their answers with multi-row
// INSERTs.
func (db *DB) insertResponses(ctx context.Context, tx *sql.Tx, rows []newResponse) error {
	ids := make(map[string]int64, len(rows))
	done := 0
	for _, size := range pieces(len(rows), responseSizes) {
		args := make([]any, 0, size*12)
		for _, n := range rows[done : done+size] {
			r := n.r
			id := newRowID(r.Day)
			ids[r.ID] = id
			args = append(args, id, r.ID, r.Hash, r.Survey, r.Version, r.Day, n.year, n.month, r.Lang, r.Channel, n.cardID, n.unitID)
		}
		done += size
		if _, err := db.txExec(ctx, tx, insertResponsesSQL(size), args...); err != nil {
			return fmt.Errorf("insert responses: %w", err)
		}
	}
	var answers, texts []any
	for _, n := range rows {
		id := ids[n.r.ID]
		for _, a := range n.r.Answers {
			switch a.Type {
			case survey.TypeText:
				texts = append(texts, id, a.Item, a.Text)
			case survey.TypeChoice:
				answers = append(answers, id, a.Item, nil, a.Choice)
			default:
				answers = append(answers, id, a.Item, a.Num, nil)
			}
		}
	}
	if err := db.insertRows(ctx, tx, insertAnswersPrefix, 4, answers); err != nil {
		return fmt.Errorf("insert answers: %w", err)
	}
	if err := db.insertRows(ctx, tx, insertTextsPrefix, 3, texts); err != nil {
		return fmt.Errorf("insert texts: %w", err)
	}
	return nil
}

// insertRows runs multi-row INSERTs over args, width values a row.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, prefix string, width int, args []any) error {
	done := 0
	for _, size := range pieces(len(args)/width, answerSizes) {
		if _, err := db.txExec(ctx, tx, prefix+placeholders(size, width), args[done*width:(done+size)*width]...); err != nil {
			return err
		}
		done += size
	}
	return nil
}
