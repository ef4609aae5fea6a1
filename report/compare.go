package report

import (
	"strings"

	"palaute/survey"
)

// Tests a comparison names, by the kind of item.
const (
	RankTest      = "mann_whitney" // ranked items: scales, bands, ordered choices
	ChiSquareTest = "chi_square"   // unordered choices
)

// YearFigures are one item in one year of a comparison: its answers, and
// for five-point items their mean and SD. From the second year on, P is
// the p-value of the item's test (Test) against the year before, and
// Significant whether p < 0.05 with both years shown; Change is the
// difference of the means for five-point items.
type YearFigures struct {
	Year        int                `json:"year"`
	N           *int               `json:"n,omitempty"`
	Mean        *float64           `json:"mean,omitempty"`
	SD          *float64           `json:"sd,omitempty"`
	Agree       *float64           `json:"agree,omitempty"`
	Dist        map[string]int     `json:"dist,omitempty"`
	Pct         map[string]float64 `json:"pct,omitempty"`
	Hidden      []string           `json:"hidden,omitempty"`
	Suppressed  bool               `json:"suppressed"`
	Change      *float64           `json:"change,omitempty"`
	P           *float64           `json:"p,omitempty"`
	Significant *bool              `json:"significant,omitempty"`
	Test        string             `json:"test,omitempty"`
	Note        string             `json:"note,omitempty"`
	// WordingChanged says both years asked the item, in different words.
	WordingChanged bool `json:"wording_changed,omitempty"`
}

// Compare sets the figure a filter names side by side across years, for
// each closed item of the first year's instrument.
func Compare(reg *survey.Registry, years []*Year, f Filter) (map[string][]YearFigures, []survey.FieldError) {
	sums := make([]Summary, len(years))
	for i, y := range years {
		s, errs := y.Summary(f)
		if errs != nil {
			return nil, errs
		}
		sums[i] = s
	}
	out := map[string][]YearFigures{}
	if len(years) == 0 {
		return out, nil
	}
	for _, it := range years[0].ClosedItems() {
		var row []YearFigures
		var prev map[int]int
		for i, y := range years {
			yf := YearFigures{Year: y.Year, Suppressed: sums[i].Suppressed}
			fig, ok := sums[i].Items[it.Key]
			if ok && fig.Dist != nil {
				n := fig.N
				yf.N, yf.Mean, yf.SD, yf.Agree, yf.Dist, yf.Pct, yf.Hidden = &n, fig.Mean, fig.SD, fig.Agree, fig.Dist, fig.Pct, fig.Hidden
			}
			sample := sampleOf(it, yf.Dist)
			if i > 0 {
				yf.test(it, row[i-1], prev, sample)
				a, b := wording(reg, years[i-1], it.Key), wording(reg, y, it.Key)
				yf.WordingChanged = a != "" && b != "" && a != b
			}
			prev = sample
			row = append(row, yf)
		}
		out[it.Key] = row
	}
	return out, nil
}

// test compares a year's answers with the year before's by the test the
// item's kind calls for.
func (yf *YearFigures) test(it survey.Item, prev YearFigures, a, b map[int]int) {
	no := false
	yf.Significant = &no
	yf.Test = ChiSquareTest
	var p float64
	var tested bool
	if it.Ranked() {
		yf.Test = RankTest
		_, p, tested = MannWhitney(a, b)
	} else {
		_, _, p, tested = ChiSquare(a, b)
	}
	if yf.N == nil || prev.N == nil || !tested {
		yf.Note = "too few answers"
		return
	}
	sig := p < 0.05
	yf.P, yf.Significant = &p, &sig
	if yf.Mean != nil && prev.Mean != nil {
		change := *yf.Mean - *prev.Mean
		yf.Change = &change
	}
}

// sampleOf gives shown answers as counts per rank: a value's place among
// the item's values, from 1.
func sampleOf(it survey.Item, dist map[string]int) map[int]int {
	out := map[int]int{}
	for i, v := range it.Values() {
		if c, ok := dist[v]; ok {
			out[i+1] = c
		}
	}
	return out
}

// wording is an item's Finnish wording in each version the year's
// answers were given in, joined; "" when no version asked it.
func wording(reg *survey.Registry, y *Year, item string) string {
	var parts []string
	for _, v := range y.Versions {
		if in := reg.Version(y.Survey.Key, v); in != nil {
			if it, ok := in.Item(item); ok {
				parts = append(parts, it.Text["fi"])
			}
		}
	}
	return strings.Join(parts, "\x00")
}
