package report

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"palaute/survey"
	"palaute/survey/store"
)

// Source is where reports come from: the database, the instruments and
// the clock that says which months have ended.
type Source struct {
	DB       *store.DB
	Registry *survey.Registry
	// Now and Location decide which months have ended; time.Now and UTC
	// when nil.
	Now      func() time.Time
	Location *time.Location
}

// Year is one survey's year as it may leave Palaute: every figure, text
// and row a renderer shows comes from its methods, which apply the
// disclosure rules (disclosure.go) before anything is returned.
type Year struct {
	Survey    *survey.Instrument
	Year      int
	Threshold int
	// Through is the last month that has ended; only months 1…Through
	// are counted at all.
	Through int
	// Versions are the instrument versions the year's answers were given in.
	Versions []int

	values [numDims][]string // value keys of each dimension; a cell holds index+1
	layout layout
	cells  map[cellKey]*tally
	n      map[key]int
	hidden map[key]bool
	keys   []key // every figure with answers, in a fixed order

	// With rows loaded: every response's cell and answers, and its row
	// key to join texts.
	rows  []row
	rowOf map[int64]int
	texts []textAnswer
}

// cellKey is a response's value of every dimension: the month, and index+1
// into values for the others, 0 for none.
type cellKey [numDims]uint16

// tally is the responses that share every dimension value: how many, and
// their answers counted per item value (slots of the layout).
type tally struct {
	n      int
	counts []int32
}

// key names a figure: the whole year or a month, at most one
// organisational and one respondent dimension value (dimension 0, Month,
// stands for none).
type key struct {
	month       uint16
	org, resp   Dim
	orgV, respV uint16
}

type row struct {
	at      cellKey
	answers []int16 // slot index within each reported item, -1 for none
}

type textAnswer struct {
	row        int
	item, body string
}

// Rows says which responses' rows Load reads besides the figures.
type Rows int

const (
	// NoRows reads the figures alone.
	NoRows Rows = iota
	// TextRows reads the rows of the responses with free text, for the
	// text lists.
	TextRows
	// AllRows reads every response's row, for the raw rows.
	AllRows
)

// Load reads a survey's year: the responses of its ended months, counted
// by every dimension value, from the rollups. With rows, it also reads
// those responses' rows for the free-text list or the raw rows; the
// figures still come from the rollups alone.
func (s *Source) Load(ctx context.Context, surveyKey string, year int, rows Rows) (*Year, error) {
	in := s.Registry.Current(surveyKey)
	if in == nil {
		return nil, store.ErrNotFound
	}
	threshold, err := Threshold(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	y := &Year{Survey: in, Year: year, Threshold: threshold, Through: closedThrough(year, s.today()),
		cells: map[cellKey]*tally{}, layout: newLayout(in)}
	y.values[Channel] = survey.Channels
	y.values[Language] = survey.Languages
	for _, it := range in.Items {
		switch it.Dimension {
		case survey.DimensionGender:
			y.values[Gender] = it.Values()
		case survey.DimensionAge:
			y.values[Age] = it.Values()
		case survey.DimensionClientTime:
			y.values[ClientTime] = it.Values()
		}
	}
	for m := 1; m <= y.Through; m++ {
		y.values[Month] = append(y.values[Month], strconv.Itoa(m))
	}
	if y.Through == 0 {
		y.finish()
		return y, nil
	}
	// The rows are read apart from the cells: a write that lands between
	// the two reads makes them disagree, and both are read again.
	var ids *names
	for try := 0; ; try++ {
		ids = &names{cards: map[string]uint16{}, units: map[string]uint16{}}
		y.cells, y.Versions, y.rows = map[cellKey]*tally{}, nil, nil
		if err := y.countCells(ctx, s.DB, ids); err != nil {
			return nil, err
		}
		if rows == NoRows {
			break
		}
		if err := y.readRows(ctx, s.DB, ids, rows); err != nil {
			return nil, err
		}
		if rows == TextRows || y.rowsMatchCells() || try == 2 {
			break
		}
	}
	y.values[Card], y.values[Unit] = recode(y, Card, ids.seenCards), recode(y, Unit, ids.seenUnits)
	if rows != NoRows {
		err := s.DB.EachYearText(ctx, in.Key, year, y.Through, func(id int64, item, body string) error {
			if i, ok := y.rowOf[id]; ok {
				y.texts = append(y.texts, textAnswer{row: i, item: item, body: body})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	y.finish()
	return y, nil
}

func (s *Source) today() time.Time {
	now, loc := s.Now, s.Location
	if now == nil {
		now = time.Now
	}
	if loc == nil {
		loc = time.UTC
	}
	return now().In(loc)
}

// recode sorts the card codes or unit names seen and renumbers the cells
// and rows to match, so that every order a file shows is by name.
func recode(y *Year, d Dim, seen []string) []string {
	sorted := slices.Clone(seen)
	sort.Strings(sorted)
	to := make([]uint16, len(seen)+1)
	for i, name := range seen {
		to[i+1] = uint16(slices.Index(sorted, name) + 1)
	}
	cells := make(map[cellKey]*tally, len(y.cells))
	for at, c := range y.cells {
		at[d] = to[at[d]]
		cells[at] = c
	}
	y.cells = cells
	for i := range y.rows {
		y.rows[i].at[d] = to[y.rows[i].at[d]]
	}
	return sorted
}

// finish counts the responses behind every figure and applies the
// disclosure rules.
func (y *Year) finish() {
	y.n = map[key]int{}
	for at, c := range y.cells {
		for _, k := range keysOf(at) {
			y.n[k] += c.n
		}
	}
	y.keys = make([]key, 0, len(y.n))
	for k := range y.n {
		y.keys = append(y.keys, k)
	}
	sort.Slice(y.keys, func(i, j int) bool { return y.keys[i].less(y.keys[j]) })
	y.protect()
}

// keysOf lists the figures a response in cell at counts towards: the year
// and its month, each alone and with each of its organisational and
// respondent values.
func keysOf(at cellKey) []key {
	out := make([]key, 0, 40)
	for _, month := range []uint16{0, at[Month]} {
		for _, org := range []Dim{Month, Card, Unit, Channel} {
			if org != Month && at[org] == 0 {
				continue
			}
			for _, resp := range []Dim{Month, Language, Gender, Age, ClientTime} {
				if resp != Month && at[resp] == 0 {
					continue
				}
				k := key{month: month, org: org, resp: resp}
				if org != Month {
					k.orgV = at[org]
				}
				if resp != Month {
					k.respV = at[resp]
				}
				out = append(out, k)
			}
		}
	}
	return out
}

func (k key) less(o key) bool {
	a := [5]int{int(k.month), int(k.org), int(k.orgV), int(k.resp), int(k.respV)}
	b := [5]int{int(o.month), int(o.org), int(o.orgV), int(o.resp), int(o.respV)}
	return slices.Compare(a[:], b[:]) < 0
}

// value returns the key's value of d: the month, or index+1, 0 for none.
func (k key) value(d Dim) uint16 {
	switch {
	case d == Month:
		return k.month
	case k.org == d:
		return k.orgV
	case k.resp == d:
		return k.respV
	}
	return 0
}

// with returns the key narrowed to value v of d (0 widens it again).
func (k key) with(d Dim, v uint16) key {
	switch {
	case d == Month:
		k.month = v
	case d.Organisational():
		k.org, k.orgV = d, v
		if v == 0 {
			k.org = Month
		}
	default:
		k.resp, k.respV = d, v
		if v == 0 {
			k.resp = Month
		}
	}
	return k
}

// matches reports whether a response in cell at counts towards k.
func (k key) matches(at cellKey) bool {
	return (k.month == 0 || at[Month] == k.month) &&
		(k.org == Month || at[k.org] == k.orgV) &&
		(k.resp == Month || at[k.resp] == k.respV)
}

// free lists the dimensions k does not fix yet, by which its breakdowns go.
func (k key) free() []Dim {
	var out []Dim
	if k.month == 0 {
		out = append(out, Month)
	}
	if k.org == Month {
		out = append(out, Card, Unit, Channel)
	}
	if k.resp == Month {
		out = append(out, Language, Gender, Age, ClientTime)
	}
	return out
}
