package report

import (
	"palaute/survey"
)

// Tests a comparison names, by the kind of item; NPSTest for 0–10
// recommendation items.
const (
	RankTest      = "mann_whitney" // ranked items: scales, bands, ordered choices
	ChiSquareTest = "chi_square"   // unordered choices
)

// YearFigures are one item in one year of a comparison: its answers, and
// for five-point items their mean and SD, for 0–10 items their net
// promoter score too (ItemFigures). From the second year on, P is the
// p-value of the item's test (Test) against the year before, and
// Significant whether p < 0.05 with both years shown; Change is the
// difference of the means for five-point items, of the scores for 0–10
// items.
type YearFigures struct {
	Year   int      `json:"year"`
	N      *int     `json:"n,omitempty"`
	ScaleN *int     `json:"scale_n,omitempty"`
	Mean   *float64 `json:"mean,omitempty"`
	SD     *float64 `json:"sd,omitempty"`
	Agree  *float64 `json:"agree,omitempty"`
	NPSFigures
	Dist        map[string]int     `json:"dist,omitempty"`
	Pct         map[string]float64 `json:"pct,omitempty"`
	Hidden      []string           `json:"hidden,omitempty"`
	Suppressed  bool               `json:"suppressed"`
	Change      *float64           `json:"change,omitempty"`
	P           *float64           `json:"p,omitempty"`
	Significant *bool              `json:"significant,omitempty"`
	Test        string             `json:"test,omitempty"`
	Note        string             `json:"note,omitempty"`
	// WordingChanged says the answers of this year and the year before
	// were given to more than one wording of the item (see wordings).
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
				yf.N, yf.ScaleN, yf.Mean, yf.SD, yf.Agree, yf.Dist, yf.Pct, yf.Hidden = &n, fig.ScaleN, fig.Mean, fig.SD, fig.Agree, fig.Dist, fig.Pct, fig.Hidden
				yf.NPSFigures = fig.NPSFigures
			}
			sample := sampleOf(it, yf.Dist)
			if i > 0 {
				yf.test(it, row[i-1], prev, sample)
				yf.WordingChanged = len(wordings(reg, it.Key, years[i-1], y)) > 1
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
	switch {
	case it.Type == survey.TypeNPS:
		yf.Test = NPSTest
		_, p, tested = CompareNPS(a, b)
	case it.Ranked():
		yf.Test = RankTest
		_, p, tested = MannWhitney(a, b)
	default:
		_, _, p, tested = ChiSquare(a, b)
	}
	switch {
	case yf.NPS != nil && prev.NPS != nil:
		change := *yf.NPS - *prev.NPS
		yf.Change = &change
	case yf.Mean != nil && prev.Mean != nil && it.Scale():
		change := *yf.Mean - *prev.Mean
		yf.Change = &change
	}
	if yf.N == nil || prev.N == nil || !tested {
		yf.Note = "too few answers"
		return
	}
	sig := p < 0.05
	yf.P, yf.Significant = &p, &sig
}

// wordings are the distinct wordings of an item that the answers of the
// years were given to (survey.Item.Wording): one per instrument version
// answered in them that asks the item.
func wordings(reg *survey.Registry, item string, years ...*Year) map[string]bool {
	out := map[string]bool{}
	for _, y := range years {
		for _, v := range y.Versions {
			in := reg.Version(y.Survey.Key, v)
			if in == nil {
				continue
			}
			if it, ok := in.Item(item); ok {
				out[it.Wording()] = true
			}
		}
	}
	return out
}
