package report

import (
	"context"
	"slices"

	"palaute/survey"
	"palaute/survey/store"
)

// names numbers the card codes and unit names a year meets, in the order
// met, 1 on; recode sorts them by name at the end.
type names struct {
	cards, units         map[string]uint16
	seenCards, seenUnits []string
}

func (n *names) card(code string) uint16 { return index(n.cards, &n.seenCards, code) }
func (n *names) unit(name string) uint16 { return index(n.units, &n.seenUnits, name) }

// index returns name's index+1 among the names seen so far, 0 for "".
func index(m map[string]uint16, seen *[]string, name string) uint16 {
	if name == "" {
		return 0
	}
	if i, ok := m[name]; ok {
		return i
	}
	*seen = append(*seen, name)
	m[name] = uint16(len(*seen))
	return m[name]
}

// countCells reads the year's cells from the rollups: one range of
// counts, whatever the number of responses. Values the current version
// does not report (an item or option it no longer asks) are left out.
func (y *Year) countCells(ctx context.Context, db *store.DB, ids *names) error {
	var value [numDims]map[string]uint16 // value key → index+1
	for _, d := range []Dim{Channel, Language, Gender, Age, ClientTime} {
		value[d] = map[string]uint16{}
		for i, v := range y.values[d] {
			value[d][v] = uint16(i + 1)
		}
	}
	slots := map[string]map[string]int{} // item → value key → slot
	for _, it := range y.layout.items {
		slots[it.Key] = map[string]int{}
		for i, v := range it.Values() {
			slots[it.Key][v] = it.offset + i
		}
	}
	versions := map[int]bool{}
	err := db.EachYearRollup(ctx, y.Survey.Key, y.Year, y.Through, func(r *store.Rollup) error {
		versions[r.Version] = true
		slot := -1
		if r.Item != "" {
			s, ok := slots[r.Item][r.Value]
			if !ok {
				return nil
			}
			slot = s
		}
		var at cellKey
		at[Month] = uint16(r.Month)
		at[Card] = ids.card(r.Card)
		at[Unit] = ids.unit(r.Unit)
		at[Channel] = value[Channel][r.Channel]
		at[Language] = value[Language][r.Lang]
		at[Gender] = value[Gender][r.Gender]
		at[Age] = value[Age][r.Age]
		at[ClientTime] = value[ClientTime][r.ClientTime]
		c := y.cells[at]
		if c == nil {
			c = &tally{counts: make([]int32, y.layout.slots)}
			y.cells[at] = c
		}
		if slot < 0 {
			c.n += r.Count
		} else {
			c.counts[slot] += int32(r.Count)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for v := range versions {
		y.Versions = append(y.Versions, v)
	}
	slices.Sort(y.Versions)
	return nil
}

// readRows reads every response of the year for its row: the free-text
// list and the raw rows join on them. The figures come from the cells
// alone.
func (y *Year) readRows(ctx context.Context, db *store.DB, ids *names, rows Rows) error {
	y.rowOf = map[int64]int{}
	return db.EachYearResponse(ctx, y.Survey.Key, y.Year, y.Through, rows == TextRows, func(r *store.YearResponse) error {
		var at cellKey
		at[Month] = uint16(r.Month)
		at[Card] = ids.card(r.Card)
		at[Unit] = ids.unit(r.Unit)
		at[Channel] = uint16(slices.Index(survey.Channels, r.Channel) + 1)
		at[Language] = uint16(slices.Index(survey.Languages, r.Lang) + 1)
		answers := y.layout.place(r.Answers, y.Year, &at)
		y.rowOf[r.ID] = len(y.rows)
		y.rows = append(y.rows, row{at: at, answers: slices.Clone(answers)})
		return nil
	})
}

// rowsMatchCells reports whether the rows read are as many as the
// responses the cells count.
func (y *Year) rowsMatchCells() bool {
	n := 0
	for _, c := range y.cells {
		n += c.n
	}
	return n == len(y.rows)
}
