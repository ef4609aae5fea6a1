package report

import (
	"slices"
	"strconv"
)

// RawColumns are the attribute columns of raw rows, in order; the answer
// columns follow, one per item of RawItems.
var RawColumns = []Dim{Month, Language, Channel, Card, Unit, Gender, Age, ClientTime}

// RawRow is one response as the raw-data sheet shows it: its attributes
// (by RawColumns, "" where blanked or absent) and its answers to the
// closed items that are not background (by RawItems, "" for none). It has
// no day and no free text.
type RawRow struct {
	Attrs   []string
	Answers []string
}

// RawItems are the item keys of a raw row's answers.
func (y *Year) RawItems() []string {
	var out []string
	for _, it := range y.layout.items {
		if it.dim == Month {
			out = append(out, it.Key)
		}
	}
	return out
}

// RawRows are the year's responses as k-anonymous rows (rule 6), sorted by
// their attributes; none when the year's figure is hidden. The year must
// be loaded with texts.
func (y *Year) RawRows() []RawRow {
	if !y.released(key{}) {
		return nil
	}
	ats := make([]cellKey, len(y.rows))
	for i, r := range y.rows {
		ats[i] = r.at
	}
	y.kAnonymous(ats)
	order := make([]int, len(y.rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if keyLess(ats[a], ats[b]) {
			return -1
		}
		if keyLess(ats[b], ats[a]) {
			return 1
		}
		return 0
	})
	out := make([]RawRow, 0, len(order))
	for _, i := range order {
		r := RawRow{Attrs: make([]string, len(RawColumns))}
		for c, d := range RawColumns {
			if v := ats[i][d]; v != 0 {
				if d == Month {
					r.Attrs[c] = strconv.Itoa(int(v))
				} else {
					r.Attrs[c] = y.values[d][v-1]
				}
			}
		}
		for j, it := range y.layout.items {
			if it.dim != Month {
				continue
			}
			v := ""
			if a := y.rows[i].answers[j]; a >= 0 {
				v = it.Values()[a]
			}
			r.Answers = append(r.Answers, v)
		}
		out = append(out, r)
	}
	return out
}
