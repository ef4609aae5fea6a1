package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Filter picks the responses a report counts. Survey and Year are
// required; a zero Month is the whole year; empty strings filter nothing.
type Filter struct {
	Survey  string
	Year    int
	Month   int
	Card    string
	Unit    string
	Channel string
	Lang    string
	// Background bands of the annual survey: a gender option, an age band
	// (AgeBands) and a time-as-client band (ClientBands).
	Gender     string
	Age        string
	ClientTime string
}

// Band is a named range of whole numbers.
type Band struct {
	Label  string
	Lo, Hi int
}

// AgeBands group clients by age, counted from birth year to the report's
// year; ClientBands by months as a client.
var (
	AgeBands    = []Band{{"<25", 0, 24}, {"25-34", 25, 34}, {"35-49", 35, 49}, {"50-64", 50, 64}, {"65+", 65, 200}}
	ClientBands = []Band{{"<6m", 0, 5}, {"6-23m", 6, 23}, {"2-5y", 24, 60}, {">5y", 61, 100000}}
)

// FindBand returns the band with the label.
func FindBand(bands []Band, label string) (Band, bool) {
	for _, b := range bands {
		if b.Label == label {
			return b, true
		}
	}
	return Band{}, false
}

// where builds the filter's WHERE clause over responses r, using the
// period index for survey, year and month.
func (f Filter) where() (string, []any) {
	conds := []string{"r.survey = ?", "r.year = ?"}
	args := []any{f.Survey, f.Year}
	if f.Month != 0 {
		conds = append(conds, "r.month = ?")
		args = append(args, f.Month)
	}
	if f.Card != "" {
		conds = append(conds, "r.card_id = (SELECT id FROM cards WHERE code = ?)")
		args = append(args, strings.ToUpper(f.Card))
	}
	if f.Unit != "" {
		conds = append(conds, "r.unit_id = (SELECT id FROM units WHERE name = ?)")
		args = append(args, f.Unit)
	}
	if f.Channel != "" {
		conds = append(conds, "r.channel = ?")
		args = append(args, f.Channel)
	}
	if f.Lang != "" {
		conds = append(conds, "r.lang = ?")
		args = append(args, f.Lang)
	}
	if f.Gender != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM answers g WHERE g.response_id = r.id AND g.item = 'gender' AND g.choice = ?)")
		args = append(args, f.Gender)
	}
	if b, ok := FindBand(AgeBands, f.Age); ok {
		conds = append(conds, "EXISTS (SELECT 1 FROM answers g WHERE g.response_id = r.id AND g.item = 'birth_year' AND r.year - g.num BETWEEN ? AND ?)")
		args = append(args, b.Lo, b.Hi)
	}
	if b, ok := FindBand(ClientBands, f.ClientTime); ok {
		conds = append(conds, "EXISTS (SELECT 1 FROM answers g WHERE g.response_id = r.id AND g.item = 'client_months' AND g.num BETWEEN ? AND ?)")
		args = append(args, b.Lo, b.Hi)
	}
	return strings.Join(conds, " AND "), args
}

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
	return db.CountAnswers(ctx, Filter{Survey: survey, Year: year})
}

// CountAnswers counts the filtered responses' answers by month, item and
// value. The rows of the join are counted here rather than by GROUP BY:
// SQLite would sort every answer of the year first, which takes longer
// than reading them once.
func (db *DB) CountAnswers(ctx context.Context, f Filter) ([]ItemCount, error) {
	where, args := f.where()
	rows, err := db.read.QueryContext(ctx, `SELECT r.month, a.item, coalesce(a.num, 0), coalesce(a.choice, '')
		FROM responses r JOIN answers a ON a.response_id = r.id WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("count answers: %w", err)
	}
	defer rows.Close()
	type key struct {
		month  int
		item   string
		num    int64
		choice string
	}
	counts := map[key]int{}
	names := map[string]string{} // interned item keys and choices
	intern := func(b sql.RawBytes) string {
		if s, ok := names[string(b)]; ok {
			return s
		}
		s := string(b)
		names[s] = s
		return s
	}
	var k key
	var item, choice sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&k.month, &item, &k.num, &choice); err != nil {
			return nil, err
		}
		k.item, k.choice = intern(item), intern(choice)
		counts[k]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ItemCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, ItemCount{Month: k.month, Item: k.item, Num: k.num, Choice: k.choice, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		if a.Num != b.Num {
			return a.Num < b.Num
		}
		return a.Choice < b.Choice
	})
	return out, nil
}

// Dimensions a report can break responses down by.
const (
	ByCard    = "card"
	ByUnit    = "unit"
	ByChannel = "channel"
)

// CountResponsesBy counts the filtered responses per group of a
// dimension (card code, unit name or channel); responses without a card
// or unit count under "".
func (db *DB) CountResponsesBy(ctx context.Context, f Filter, dim string) (map[string]int, error) {
	var group string
	switch dim {
	case ByCard:
		group = "coalesce((SELECT code FROM cards WHERE id = r.card_id), '')"
	case ByUnit:
		group = "coalesce((SELECT name FROM units WHERE id = r.unit_id), '')"
	case ByChannel:
		group = "r.channel"
	default:
		return nil, fmt.Errorf("%w: no dimension %q", ErrInvalid, dim)
	}
	where, args := f.where()
	rows, err := db.read.QueryContext(ctx, `SELECT `+group+`, count(*) FROM responses r WHERE `+where+` GROUP BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("count responses: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var g string
		var n int
		if err := rows.Scan(&g, &n); err != nil {
			return nil, err
		}
		out[g] = n
	}
	return out, rows.Err()
}

// CountFiltered counts the filtered responses.
func (db *DB) CountFiltered(ctx context.Context, f Filter) (int, error) {
	where, args := f.where()
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM responses r WHERE `+where, args...).Scan(&n)
	return n, err
}

// RawResponse is one response as the raw-data sheet shows it: no id, no
// day, no free text.
type RawResponse struct {
	Month   int
	Lang    string
	Channel string
	Card    string
	Unit    string
	Answers map[string]string
}

// EachResponse calls fn for every filtered response, in storage order,
// with its closed answers. It reads two ordered queries side by side, so
// memory stays flat however many responses there are.
func (db *DB) EachResponse(ctx context.Context, f Filter, fn func(RawResponse) error) error {
	where, args := f.where()
	rs, err := db.read.QueryContext(ctx, `SELECT r.id, r.month, r.lang, r.channel,
		coalesce((SELECT code FROM cards WHERE id = r.card_id), ''), coalesce((SELECT name FROM units WHERE id = r.unit_id), '')
		FROM responses r WHERE `+where+` ORDER BY r.id`, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	as, err := db.read.QueryContext(ctx, `SELECT a.response_id, a.item, coalesce(a.choice, CAST(a.num AS TEXT))
		FROM responses r JOIN answers a ON a.response_id = r.id WHERE `+where+` ORDER BY a.response_id`, args...)
	if err != nil {
		return err
	}
	defer as.Close()
	var aID int64
	var aItem, aValue string
	haveA := as.Next()
	if haveA {
		if err := as.Scan(&aID, &aItem, &aValue); err != nil {
			return err
		}
	}
	for rs.Next() {
		var id int64
		r := RawResponse{Answers: map[string]string{}}
		if err := rs.Scan(&id, &r.Month, &r.Lang, &r.Channel, &r.Card, &r.Unit); err != nil {
			return err
		}
		for haveA && aID <= id {
			if aID == id {
				r.Answers[aItem] = aValue
			}
			if haveA = as.Next(); haveA {
				if err := as.Scan(&aID, &aItem, &aValue); err != nil {
					return err
				}
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	return as.Err()
}

// TextAnswer is one free-text answer with its month.
type TextAnswer struct {
	Month int
	Item  string
	Body  string
}

// Texts lists the filtered responses' free-text answers by month.
func (db *DB) Texts(ctx context.Context, f Filter) ([]TextAnswer, error) {
	where, args := f.where()
	rows, err := db.read.QueryContext(ctx, `SELECT r.month, x.item, x.body FROM responses r JOIN texts x ON x.response_id = r.id
		WHERE `+where+` ORDER BY r.month, r.id, x.item`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TextAnswer
	for rows.Next() {
		var t TextAnswer
		if err := rows.Scan(&t.Month, &t.Item, &t.Body); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Versions lists the instrument versions the filtered responses were
// given in.
func (db *DB) Versions(ctx context.Context, f Filter) ([]int, error) {
	where, args := f.where()
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT r.version FROM responses r WHERE `+where+` ORDER BY 1`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
