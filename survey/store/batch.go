package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

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
	qResponseHashes       = "SELECT uuid, body_hash FROM responses WHERE uuid IN "
)

func insertResponsesSQL(rows int) string {
	return insertResponsesPrefix + placeholders(rows, 12)
}

// batchQueries are the multi-row statements, for preparing at open.
func batchQueries() []string {
	var qs []string
	for _, n := range responseSizes {
		qs = append(qs, insertResponsesSQL(n), qResponseHashes+"("+placeholders(n, 1)+")")
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
func (db *DB) saveMany(ctx context.Context, tx *writeTx, jobs []job) ([]result, error) {
	results := make([]result, len(jobs))
	seen, err := db.existingHashes(ctx, tx, jobs)
	if err != nil {
		return nil, err
	}
	// A correction takes the place of the paper response stored under
	// its id, which must be there.
	for i, j := range jobs {
		if !j.src.Replace {
			continue
		}
		var one int
		err := tx.queryRow(ctx, qPaperExists, j.r.ID).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			results[i].err = fmt.Errorf("paper response %s: %w", j.r.ID, ErrNotFound)
		case err != nil:
			return nil, fmt.Errorf("look up paper response: %w", err)
		}
	}
	cards, err := db.cardUnits(ctx, tx, jobs)
	if err != nil {
		return nil, err
	}
	var rows []newResponse
	for i, j := range jobs {
		r := j.r
		if results[i].err != nil {
			continue
		}
		if h, ok := seen[r.ID]; ok && !j.src.Replace {
			if !bytes.Equal(h, r.Hash) {
				results[i].err = fmt.Errorf("response %s: %w", r.ID, ErrConflict)
			}
			continue
		}
		row := newResponse{r: r, key: j.key}
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
		if j.src.CardTokenHash != nil {
			res, err := tx.exec(ctx, qUseCardToken, j.src.CardTokenHash)
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
	// Only now, every submission decided, is anything replaced. The
	// rollups lose what the replaced response counted and gain what the
	// new ones count, in this transaction.
	delta := rollupDelta{}
	for i, j := range jobs {
		if j.src.Replace && results[i].created {
			if err := db.count.addStored(ctx, tx, delta, -1, qStoredPaper, j.r.ID); err != nil {
				return nil, err
			}
			if _, err := tx.exec(ctx, qReplacedPaper, j.r.ID); err != nil {
				return nil, fmt.Errorf("replace paper response: %w", err)
			}
		}
	}
	if err := db.insertResponses(ctx, tx, rows); err != nil {
		return nil, err
	}
	if err := db.count.addNew(delta, rows); err != nil {
		return nil, err
	}
	if err := delta.apply(ctx, tx); err != nil {
		return nil, err
	}
	return results, nil
}

type newResponse struct {
	r              survey.Response
	key            int64 // the row's key (newRowID)
	cardID, unitID sql.NullInt64
	year, month    int
}

type cardUnit struct{ id, unit sql.NullInt64 }

// existingHashes returns the stored hash of every job id already stored,
// asking for many ids at a time.
func (db *DB) existingHashes(ctx context.Context, tx *writeTx, jobs []job) (map[string][]byte, error) {
	out := map[string][]byte{}
	done := 0
	for _, size := range pieces(len(jobs), responseSizes) {
		args := make([]any, size)
		for i, j := range jobs[done : done+size] {
			args[i] = j.r.ID
		}
		done += size
		rows, err := tx.query(ctx, qResponseHashes+"("+placeholders(size, 1)+")", args...)
		if err != nil {
			return nil, fmt.Errorf("look up response ids: %w", err)
		}
		for rows.Next() {
			var id string
			var h []byte
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return nil, fmt.Errorf("look up response ids: %w", err)
			}
			out[id] = h
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("look up response ids: %w", err)
		}
	}
	return out, nil
}

// cardUnits returns the id and unit of every card the jobs name.
func (db *DB) cardUnits(ctx context.Context, tx *writeTx, jobs []job) (map[string]cardUnit, error) {
	out := map[string]cardUnit{}
	looked := map[string]bool{}
	for _, j := range jobs {
		code := j.r.Card
		if code == "" || looked[code] {
			continue
		}
		looked[code] = true
		var c cardUnit
		err := tx.queryRow(ctx, qCardUnit, code).Scan(&c.id, &c.unit)
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
// INSERTs. The rows go in in the order of their keys: neighbours in the
// trees go in one after another, which SQLite does with fewer page
// visits.
func (db *DB) insertResponses(ctx context.Context, tx *writeTx, rows []newResponse) error {
	for i := range rows {
		if rows[i].key == 0 {
			rows[i].key = newRowID(rows[i].r.Day)
		}
	}
	slices.SortFunc(rows, func(a, b newResponse) int { return cmp.Compare(a.key, b.key) })
	done := 0
	for _, size := range pieces(len(rows), responseSizes) {
		piece := rows[done : done+size]
		args := make([]any, 0, size*12)
		for _, n := range piece {
			r := n.r
			args = append(args, n.key, r.ID, r.Hash, r.Survey, r.Version, r.Day, n.year, n.month, r.Lang, r.Channel, n.cardID, n.unitID)
		}
		// Two random keys of one day collide very rarely; the failed
		// INSERT undoes only itself, so it is tried again with new keys.
		_, err := tx.exec(ctx, insertResponsesSQL(size), args...)
		for try := 0; try < 3 && keyCollision(err); try++ {
			for k := range piece {
				piece[k].key = newRowID(piece[k].r.Day)
				args[k*12] = piece[k].key
			}
			_, err = tx.exec(ctx, insertResponsesSQL(size), args...)
		}
		if err != nil {
			return fmt.Errorf("insert responses: %w", err)
		}
		done += size
	}
	answers := make([]any, 0, len(rows)*16*4)
	var texts []any
	// Each value goes into an interface; an item's name, met on every
	// row, is boxed once.
	items := map[string]any{}
	for _, n := range rows {
		key := any(n.key)
		for _, a := range n.r.Answers {
			item, ok := items[a.Item]
			if !ok {
				item = a.Item
				items[a.Item] = item
			}
			switch {
			case a.Type == survey.TypeText:
				texts = append(texts, key, item, a.Text)
			case a.Choice != "":
				// A choice, or "can't say" on a scale.
				answers = append(answers, key, item, nil, a.Choice)
			default:
				answers = append(answers, key, item, a.Num, nil)
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
func (db *DB) insertRows(ctx context.Context, tx *writeTx, prefix string, width int, args []any) error {
	done := 0
	for _, size := range pieces(len(args)/width, answerSizes) {
		if _, err := tx.exec(ctx, prefix+placeholders(size, width), args[done*width:(done+size)*width]...); err != nil {
			return err
		}
		done += size
	}
	return nil
}

// keyCollision reports whether err is a response key used twice.
func keyCollision(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}
