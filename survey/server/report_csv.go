package server

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// summaryCSV writes a summary as CSV: one row per item, with n, mean, SD
// and the count of each value.
func (s *Server) summaryCSV(c *fiber.Ctx, items []survey.Item, out summaryOut) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"survey", "year", "month", "item", "n", "mean", "sd", "1", "2", "3", "4", "5", "suppressed"})
	month := ""
	if out.Month != nil {
		month = strconv.Itoa(*out.Month)
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for _, it := range items {
		fig, ok := out.Items[it.Key]
		if !ok && !out.Suppressed {
			continue
		}
		row := []string{out.Survey, strconv.Itoa(out.Year), month, report.SafeCell(it.Key)}
		if out.Suppressed {
			row = append(row, "", "", "", "", "", "", "", "", "true")
		} else {
			row = append(row, strconv.Itoa(fig.N), num(fig.Mean), num(fig.SD))
			for v := 1; v <= 5; v++ {
				row = append(row, strconv.Itoa(fig.Dist[strconv.Itoa(v)]))
			}
			row = append(row, "false")
		}
		w.Write(row)
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="palaute-summary.csv"`)
	return c.Send(buf.Bytes())
}

// compareCSV writes a comparison as CSV, one row per item and year.
func compareCSV(c *fiber.Ctx, in *survey.Instrument, items map[string][]report.YearFigures) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"survey", "item", "year", "n", "mean", "sd", "change", "p", "significant", "suppressed", "wording_changed", "note"})
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for _, it := range in.Items {
		for _, y := range items[it.Key] {
			n, sig := "", ""
			if y.N != nil {
				n = strconv.Itoa(*y.N)
			}
			if y.Significant != nil {
				sig = strconv.FormatBool(*y.Significant)
			}
			w.Write([]string{in.Key, it.Key, strconv.Itoa(y.Year), n, num(y.Mean), num(y.SD), num(y.Change), num(y.P), sig,
				strconv.FormatBool(y.Suppressed), strconv.FormatBool(y.WordingChanged), y.Note})
		}
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="palaute-compare.csv"`)
	return c.Send(buf.Bytes())
}
