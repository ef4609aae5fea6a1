package report

import (
	"iter"
	"palaute/survey"
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

// RawItems are the items of a raw row's answers.
func (y *Year) RawItems() []survey.Item {
	var out []survey.Item
	for _, it := range y.layout.items {
		if it.dim == Month {
			out = append(out, it.Item)
		}
	}
	return out
}

// RawRows yields the year's responses as k-anonymous rows (rule 6),
// sorted by their attributes; none when the year's figure is hidden. The
// year must be loaded with texts. A row's slices are reused for the next,
// so the rows of a large year stream in little memory.
func (y *Year) RawRows() iter.Seq[RawRow] {
	return func(yield func(RawRow) bool) {
		if !y.released(key{}) {
			return
		}
		ats := make([]cellKey, len(y.rows))
		for i, r := range y.rows {
			ats[i] = r.at
		}
		y.kAnonymous(ats)
		order := make([]int32, len(y.rows))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortStableFunc(order, func(a, b int32) int {
			if keyLess(ats[a], ats[b]) {
				return -1
			}
			if keyLess(ats[b], ats[a]) {
				return 1
			}
			return 0
		})
		r := RawRow{Attrs: make([]string, len(RawColumns))}
		months := make([]string, 13)
		for m := range months {
			months[m] = strconv.Itoa(m)
		}
		for _, i := range order {
			for c, d := range RawColumns {
				r.Attrs[c] = ""
				if v := ats[i][d]; v != 0 {
					if d == Month {
						r.Attrs[c] = months[v]
					} else {
						r.Attrs[c] = y.values[d][v-1]
					}
				}
			}
			r.Answers = r.Answers[:0]
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
			if !yield(r) {
				return
			}
		}
	}
}
