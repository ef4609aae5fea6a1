package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"palaute/survey"
)

// CSV writes a report table in one of two flavours: RFC 4180 with commas
// and decimal points, or Excel's (Excel true) with a UTF-8 byte-order
// mark, semicolons and decimal commas, which Finnish and Swedish Excel
// open in columns. Every text passes SafeCell.
type CSV struct {
	w     *csv.Writer
	excel bool
}

// NewCSV starts a CSV file on out.
func NewCSV(out io.Writer, excel bool) *CSV {
	w := csv.NewWriter(out)
	if excel {
		io.WriteString(out, "\ufeff")
		w.Comma = ';'
		w.UseCRLF = true
	}
	return &CSV{w: w, excel: excel}
}

// Row writes one row: strings, ints, floats and float pointers (nil is
// an empty cell), and bools.
func (c *CSV) Row(cells ...any) {
	out := make([]string, len(cells))
	for i, v := range cells {
		switch v := v.(type) {
		case string:
			out[i] = SafeCell(v)
		case int:
			out[i] = strconv.Itoa(v)
		case *int:
			if v != nil {
				out[i] = strconv.Itoa(*v)
			}
		case float64:
			out[i] = c.number(v)
		case *float64:
			if v != nil {
				out[i] = c.number(*v)
			}
		case bool:
			out[i] = strconv.FormatBool(v)
		case *bool:
			if v != nil {
				out[i] = strconv.FormatBool(*v)
			}
		}
	}
	c.w.Write(out)
}

func (c *CSV) number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if c.excel {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Flush ends the file.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// npsHeaders are the columns of a 0–10 item's net promoter score and its
// parts' shares.
func npsHeaders(l Labels) []any {
	out := []any{l.NPS()}
	for _, p := range NPSParts {
		out = append(out, l.NPSPart(p)+" %")
	}
	return out
}

// npsCells are a 0–10 item's score and parts' shares, empty for others.
func npsCells(nps, promoters, passives, detractors *float64) []any {
	return []any{nps, promoters, passives, detractors}
}

// SummaryCSV writes a figure as one row per value of every closed item:
// the item's n, mean and SD (of the answers on the scale), the value's
// count and its percentage of the item's n (can't-say is a value of its
// own), then a 0–10 item's net promoter score and its parts' shares (after
// the columns programs read already), and whether the rules hide it. A hidden
// figure writes one row per item marked hidden, and a value the rules
// hide is marked hidden with no count. Headers and labels are in l's
// language; the item and value keys have columns of their own for
// programs.
func SummaryCSV(out io.Writer, excel bool, l Labels, y *Year, month int, s Summary) error {
	c := NewCSV(out, excel)
	header := []any{l.T("csv.survey"), l.T("csv.year"), l.T("csv.month"), l.T("csv.item_key"), l.T("csv.item"), "n",
		l.T("csv.mean"), l.T("csv.sd"), l.T("csv.value_key"), l.T("csv.value"), l.T("csv.count"), l.T("csv.pct")}
	c.Row(append(append(header, npsHeaders(l)...), l.T("csv.hidden"))...)
	in := y.Survey
	m := ""
	if month != 0 {
		m = strconv.Itoa(month)
	}
	for _, it := range y.ClosedItems() {
		head := []any{l.Survey(in), y.Year, m, it.Key, l.Item(it)}
		if s.Suppressed {
			c.Row(append(head, "", "", "", "", "", "", "", "", "", "", "", true)...)
			continue
		}
		fig := s.Items[it.Key]
		for _, v := range it.Values() {
			row := append(head[:5:5], fig.N, fig.Mean, fig.SD, v, l.Value(in, it, v))
			count, shown := fig.Dist[v]
			hidden := false
			switch {
			case shown:
				row = append(row, count, fig.Pct[v])
			case fig.Dist == nil: // too few answers to the item for any value
				row, hidden = append(row, "", ""), true
			case slices.Contains(fig.Hidden, v):
				row, hidden = append(row, "", ""), true
			default:
				row = append(row, 0, 0.0)
			}
			row = append(row, npsCells(fig.NPS, fig.Promoters, fig.Passives, fig.Detractors)...)
			c.Row(append(row, hidden)...)
		}
	}
	return c.Flush()
}

// CompareCSV writes a comparison as one row per item and year: n, mean
// and SD, from the second year the change (of the means, or of the
// scores of a 0–10 item), the test and whether the wording changed, and
// last a 0–10 item's net promoter score and its parts' shares.
func CompareCSV(out io.Writer, excel bool, l Labels, in *survey.Instrument, items []survey.Item, figs map[string][]YearFigures) error {
	c := NewCSV(out, excel)
	c.Row(append([]any{l.T("csv.survey"), l.T("csv.item_key"), l.T("csv.item"), l.T("csv.year"), "n", l.T("csv.mean"), l.T("csv.sd"),
		l.T("csv.change"), "p", l.T("csv.significant"), l.T("csv.test"), l.T("csv.hidden"), l.T("csv.wording_changed"), l.T("csv.note")},
		npsHeaders(l)...)...)
	for _, it := range items {
		for _, y := range figs[it.Key] {
			test, note := "", ""
			if y.Test != "" {
				test = l.Test(y.Test)
			}
			if y.Note != "" {
				note = l.T("xlsx.too_few")
			}
			c.Row(append([]any{l.Survey(in), it.Key, l.Item(it), y.Year, y.N, y.Mean, y.SD, y.Change, y.P, y.Significant, test,
				y.Suppressed, y.WordingChanged, note}, npsCells(y.NPS, y.Promoters, y.Passives, y.Detractors)...)...)
		}
	}
	return c.Flush()
}
