package server

import (
	"io"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// summaryOut is the summary report of SPEC §4.
type summaryOut struct {
	Survey     string                        `json:"survey"`
	Year       int                           `json:"year"`
	Month      *int                          `json:"month"`
	N          *int                          `json:"n,omitempty"`
	Items      map[string]report.ItemFigures `json:"items,omitempty"`
	Groups     map[string]float64            `json:"groups,omitempty"`
	Suppressed bool                          `json:"suppressed"`
}

// reportSummary answers the figures a filter names for a survey's year or
// month; a hidden figure answers suppressed and nothing else.
func (s *Server) reportSummary(c *fiber.Ctx) error {
	in, year, f, err := s.reportQuery(c, true)
	if err != nil {
		return err
	}
	y, err := s.src.Load(c.UserContext(), in.Key, year, report.NoRows)
	if err != nil {
		return err
	}
	sum, errs := y.Summary(f)
	if errs != nil {
		return fieldErrors(errs)
	}
	out := summaryOut{Survey: in.Key, Year: year, Suppressed: sum.Suppressed}
	if f.Month != 0 {
		out.Month = &f.Month
	}
	if !sum.Suppressed {
		out.N, out.Items, out.Groups = &sum.N, sum.Items, sum.Groups
	}
	if c.Query("format") == "csv" {
		return s.sendCSV(c, "palaute-summary", func(w io.Writer, excel bool, l report.Labels) error {
			return report.SummaryCSV(w, excel, l, y, f.Month, sum)
		})
	}
	return c.JSON(out)
}
