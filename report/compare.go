package report

import (
	"strings"

	"palaute/survey"
)

// YearFigures are one item in one year of a comparison. From the second
// year on, Change is the difference of the means from the year before, P
// the p-value of a Mann–Whitney U test of it, and Significant whether
// p < 0.05 with both years shown.
type YearFigures struct {
	Year        int            `json:"year"`
	N           *int           `json:"n,omitempty"`
	Mean        *float64       `json:"mean,omitempty"`
	SD          *float64       `json:"sd,omitempty"`
	Dist        map[string]int `json:"dist,omitempty"`
	Suppressed  bool           `json:"suppressed"`
	Change      *float64       `json:"change,omitempty"`
	P           *float64       `json:"p,omitempty"`
	Significant *bool          `json:"significant,omitempty"`
	Note        string         `json:"note,omitempty"`
	// WordingChanged says both years asked the item, in different words.
	WordingChanged bool `json:"wording_changed,omitempty"`
}

// Compare sets the figure a filter names side by side across years, for
// each five-point item.
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
	for _, it := range years[0].ScaleItems() {
		var row []YearFigures
		var prevCounts map[int]int
		for i, y := range years {
			yf := YearFigures{Year: y.Year, Suppressed: sums[i].Suppressed}
			fig, ok := sums[i].Items[it.Key]
			if ok && fig.Mean != nil {
				n := fig.N
				yf.N, yf.Mean, yf.SD, yf.Dist = &n, fig.Mean, fig.SD, fig.Dist
			}
			if i > 0 {
				prev := row[i-1]
				no := false
				yf.Significant = &no
				_, p, tested := MannWhitney(prevCounts, fig.counts)
				switch {
				case yf.Mean == nil || prev.Mean == nil || !tested:
					yf.Note = "too few answers"
				default:
					change := *yf.Mean - *prev.Mean
					sig := p < 0.05
					yf.Change, yf.P, yf.Significant = &change, &p, &sig
				}
				a, b := wording(reg, years[i-1], it.Key), wording(reg, y, it.Key)
				yf.WordingChanged = a != "" && b != "" && a != b
			}
			prevCounts = fig.counts
			row = append(row, yf)
		}
		out[it.Key] = row
	}
	return out, nil
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
