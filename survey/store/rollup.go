package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"palaute/survey"
)

// Rollups (migration 0010) count every response and closed answer by
// month and every dimension value, so that reports read counts instead
// of responses. Every write that stores or deletes a response changes
// them in its own transaction: it counts what it adds and removes into a
// rollupDelta, in Go, and applies the delta with a few statements.

// rollupKey is one row of rollups; item and value are "" for the count
// of responses.
type rollupKey struct {
	survey                  string
	year, month, version    int
	card, unit              int64 // 0 for none
	channel, lang           string
	gender, age, clientTime string // value keys, "" for none
	item, value             string
}

func (k *rollupKey) args() []any {
	return []any{k.survey, k.year, k.month, k.version, k.card, k.unit, k.channel, k.lang,
		k.gender, k.age, k.clientTime, k.item, k.value}
}

func compareRollupKeys(a, b rollupKey) int {
	return cmp.Or(strings.Compare(a.survey, b.survey), cmp.Compare(a.year, b.year), cmp.Compare(a.month, b.month),
		cmp.Compare(a.version, b.version), cmp.Compare(a.card, b.card), cmp.Compare(a.unit, b.unit),
		strings.Compare(a.channel, b.channel), strings.Compare(a.lang, b.lang), strings.Compare(a.gender, b.gender),
		strings.Compare(a.age, b.age), strings.Compare(a.clientTime, b.clientTime),
		strings.Compare(a.item, b.item), strings.Compare(a.value, b.value))
}

// rollupDelta is what a write changes in rollups, row by row.
type rollupDelta map[rollupKey]int

const (
	upsertRollupsPrefix = "INSERT INTO rollups (survey, year, month, version, card_id, unit_id, channel, lang, gender, age, client_time, item, value, count) VALUES "
	upsertRollupsSuffix = " ON CONFLICT DO UPDATE SET count = count + excluded.count"
	rollupRow           = `survey = ? AND year = ? AND month = ? AND version = ? AND card_id = ? AND unit_id = ?
		AND channel = ? AND lang = ? AND gender = ? AND age = ? AND client_time = ? AND item = ? AND value = ?`
	qLowerRollup     = "UPDATE rollups SET count = count - ? WHERE " + rollupRow
	qDropEmptyRollup = "DELETE FROM rollups WHERE " + rollupRow + " AND count = 0"
	// qStoredResponses reads responses with their closed answers, each
	// response's answers together; a WHERE or ORDER BY on r may follow.
	qStoredResponses = `SELECT r.id, r.survey, r.version, r.year, r.month, coalesce(r.card_id, 0), coalesce(r.unit_id, 0), r.channel, r.lang,
		a.item, a.num, a.choice
		FROM responses r LEFT JOIN answers a ON a.response_id = r.id`
	qStoredPaper = qStoredResponses + " WHERE r.uuid = ? AND r.channel = 'paper'"
)

// rollupSizes are the multi-row upserts prepared at open.
var rollupSizes = []int{64, 16, 4, 1}

func upsertRollupsSQL(rows int) string {
	return upsertRollupsPrefix + placeholders(rows, 14) + upsertRollupsSuffix
}

// rollupQueries are the rollup statements of the write path, for
// preparing at open.
func rollupQueries() []string {
	qs := []string{qLowerRollup, qDropEmptyRollup, qStoredPaper}
	for _, n := range rollupSizes {
		qs = append(qs, upsertRollupsSQL(n))
	}
	return qs
}

// counter counts responses into rollup rows with their instruments,
// which say which value key each answer has and which item gives which
// respondent dimension.
type counter struct {
	reg   *survey.Registry
	mu    sync.Mutex
	items map[*survey.Instrument]map[string]survey.Item
}

func newCounter(reg *survey.Registry) *counter {
	return &counter{reg: reg, items: map[*survey.Instrument]map[string]survey.Item{}}
}

// itemsOf returns the items of a survey's version by key.
func (c *counter) itemsOf(surveyKey string, version int) (map[string]survey.Item, error) {
	in := c.reg.Version(surveyKey, version)
	if in == nil {
		return nil, fmt.Errorf("responses to survey %q version %d: its instrument is not loaded, so they cannot be counted (give its definition with --instruments)", surveyKey, version)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.items[in]
	if !ok {
		m = make(map[string]survey.Item, len(in.Items))
		for _, it := range in.Items {
			m[it.Key] = it
		}
		c.items[in] = m
	}
	return m, nil
}

// add counts one response, whose row is base (item and value empty),
// sign times into d: once for the response and once for each closed
// answer with a value.
func (c *counter) add(d rollupDelta, base rollupKey, answers []ClosedAnswer, sign int) error {
	items, err := c.itemsOf(base.survey, base.version)
	if err != nil {
		return err
	}
	var buf [32][2]string
	values := buf[:0]
	for _, a := range answers {
		it, ok := items[a.Item]
		if !ok {
			continue
		}
		v, ok := it.ValueOf(a.Num, a.Choice, base.year)
		if !ok {
			continue
		}
		switch it.Dimension {
		case survey.DimensionGender:
			base.gender = v
		case survey.DimensionAge:
			base.age = v
		case survey.DimensionClientTime:
			base.clientTime = v
		}
		values = append(values, [2]string{a.Item, v})
	}
	d[base] += sign
	for _, iv := range values {
		k := base
		k.item, k.value = iv[0], iv[1]
		d[k] += sign
	}
	return nil
}

// addNew counts responses about to be stored into d.
func (c *counter) addNew(d rollupDelta, rows []newResponse) error {
	var answers []ClosedAnswer
	for _, n := range rows {
		r := n.r
		answers = answers[:0]
		for _, a := range r.Answers {
			if a.Type != survey.TypeText {
				answers = append(answers, ClosedAnswer{Item: a.Item, Num: a.Num, Choice: a.Choice})
			}
		}
		base := rollupKey{survey: r.Survey, year: n.year, month: n.month, version: r.Version,
			card: n.cardID.Int64, unit: n.unitID.Int64, channel: r.Channel, lang: r.Lang}
		if err := c.add(d, base, answers, 1); err != nil {
			return err
		}
	}
	return nil
}

// addStored counts the stored responses a query of qStoredResponses
// returns into d, sign times.
func (c *counter) addStored(ctx context.Context, tx *writeTx, d rollupDelta, sign int, query string, args ...any) error {
	rows, err := tx.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read responses to count: %w", err)
	}
	defer rows.Close()
	intern := interner()
	var (
		base                 rollupKey
		answers              []ClosedAnswer
		have                 bool
		id, cur              int64
		surveyKey, channel   sql.RawBytes
		lang, item, choice   sql.RawBytes
		num                  sql.NullInt64
		version, year, month int
		card, unit           int64
	)
	for rows.Next() {
		if err := rows.Scan(&id, &surveyKey, &version, &year, &month, &card, &unit, &channel, &lang, &item, &num, &choice); err != nil {
			return fmt.Errorf("read responses to count: %w", err)
		}
		if !have || id != cur {
			if have {
				if err := c.add(d, base, answers, sign); err != nil {
					return err
				}
			}
			have, cur = true, id
			base = rollupKey{survey: intern(surveyKey), year: year, month: month, version: version,
				card: card, unit: unit, channel: intern(channel), lang: intern(lang)}
			answers = answers[:0]
		}
		if item != nil {
			answers = append(answers, ClosedAnswer{Item: intern(item), Num: num.Int64, Choice: intern(choice)})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read responses to count: %w", err)
	}
	if have {
		return c.add(d, base, answers, sign)
	}
	return nil
}

// apply writes d into rollups: counts are added to the rows' counts, and
// rows whose count reaches 0 are removed. Taking away from a row that is
// missing or counts too few is an error: the rollups would disagree with
// the responses (palaute rollup rebuild counts them again).
func (d rollupDelta) apply(ctx context.Context, tx *writeTx) error {
	var up, down []rollupKey
	for k, n := range d {
		switch {
		case n > 0:
			up = append(up, k)
		case n < 0:
			down = append(down, k)
		}
	}
	// In the order of the table's key, neighbours in the tree go in one
	// after another.
	slices.SortFunc(up, compareRollupKeys)
	done := 0
	for _, size := range pieces(len(up), rollupSizes) {
		args := make([]any, 0, size*14)
		for i := range up[done : done+size] {
			k := &up[done+i]
			args = append(append(args, k.args()...), d[*k])
		}
		if _, err := tx.exec(ctx, upsertRollupsSQL(size), args...); err != nil {
			return fmt.Errorf("count rollups: %w", err)
		}
		done += size
	}
	for _, k := range down {
		res, err := tx.exec(ctx, qLowerRollup, append([]any{-d[k]}, k.args()...)...)
		if err != nil {
			return fmt.Errorf("count rollups: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("count rollups: the rollups of %s %d-%02d count fewer responses than are stored; run palaute rollup rebuild", k.survey, k.year, k.month)
		}
		if _, err := tx.exec(ctx, qDropEmptyRollup, k.args()...); err != nil {
			return fmt.Errorf("drop empty rollup: %w", err)
		}
	}
	return nil
}

// RebuildRollups counts the rollups again from the stored responses, in
// one transaction, and returns how many rows it wrote.
func (db *DB) RebuildRollups(ctx context.Context) (int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, fmt.Errorf("rebuild rollups: %w", err)
	}
	defer tx.Rollback()
	n, err := db.rebuildRollups(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("rebuild rollups: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("rebuild rollups: commit: %w", err)
	}
	return n, nil
}

func (db *DB) rebuildRollups(ctx context.Context, tx *writeTx) (int, error) {
	if _, err := tx.exec(ctx, "DELETE FROM rollups"); err != nil {
		return 0, err
	}
	d := rollupDelta{}
	if err := db.count.addStored(ctx, tx, d, 1, qStoredResponses+" ORDER BY r.id"); err != nil {
		return 0, err
	}
	if err := d.apply(ctx, tx); err != nil {
		return 0, err
	}
	return len(d), nil
}
