package report

import (
	"io"
	"strconv"
	"strings"

	"palaute/survey"
)

// NationalItems are the items a survey's national export carries: its
// 0–10 recommendation items and five-point items, in the instrument's
// order. A survey without any has no rows in it.
func NationalItems(in *survey.Instrument) []survey.Item {
	var out []survey.Item
	for _, it := range in.Items {
		if numbered(it) {
			out = append(out, it)
		}
	}
	return out
}

// nationalValues are the answer columns of the national export: every
// value of the 0–10 scale, which holds the five-point scale's, and
// can't-say.
var nationalValues = append(survey.Item{Type: survey.TypeNPS}.Values(), survey.CantSay)

// NationalCSV writes the national export of survey years: one row per
// survey, month, unit and item (NationalItems), the unit empty for the
// whole organisation. Each row is a figure the disclosure rules release
// (Year.Summary of that month and unit: closed months only, primary and
// secondary suppression over the unit-by-month table); a figure they hide
// has no row, and an item too few answered in a shown figure has its n
// and nothing else. A row holds n, the net promoter score (0–10 items) or
// the mean and SD of the answers on the scale (five-point items), and the
// count of every answer 0…10 and can't-say. Headers and names are in l's
// language; survey, item and answer keys are codes.
func NationalCSV(out io.Writer, excel bool, l Labels, years []*Year) error {
	c := NewCSV(out, excel)
	header := []any{l.T("csv.survey_key"), l.T("csv.survey"), l.T("csv.version"), l.T("csv.unit"), l.T("csv.year"), l.T("csv.month"),
		l.T("csv.item_key"), l.T("csv.item"), "n", l.NPS(), l.T("csv.mean"), l.T("csv.sd")}
	for _, v := range nationalValues {
		if v == survey.CantSay {
			header = append(header, l.CantSay())
		} else {
			header = append(header, v)
		}
	}
	c.Row(header...)
	for _, y := range years {
		items := NationalItems(y.Survey)
		if len(items) == 0 {
			continue
		}
		versions := make([]string, len(y.Versions))
		for i, v := range y.Versions {
			versions[i] = strconv.Itoa(v)
		}
		units := append([]string{""}, y.values[Unit]...)
		for _, m := range y.Months() {
			for _, unit := range units {
				f := Filter{Month: m, By: map[Dim]string{}}
				if unit != "" {
					f.By[Unit] = unit
				}
				s, errs := y.Summary(f)
				if errs != nil || s.Suppressed || s.N == 0 {
					continue
				}
				for _, it := range items {
					fig := s.Items[it.Key]
					row := []any{y.Survey.Key, l.Survey(y.Survey), strings.Join(versions, "+"), unit, y.Year, m, it.Key, l.Item(it), fig.N}
					if fig.NPS != nil {
						row = append(row, fig.NPS, nil, nil)
					} else {
						row = append(row, nil, fig.Mean, fig.SD)
					}
					for _, v := range nationalValues {
						if n, ok := fig.Dist[v]; ok {
							row = append(row, n)
						} else {
							row = append(row, "")
						}
					}
					c.Row(row...)
				}
			}
		}
	}
	return c.Flush()
}
