package server

import (
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

// reportSummary answers a survey's figures for a year or month, filtered
// by card, unit or channel; below the anonymity threshold it answers
// suppressed and no figures.
func (s *Server) reportSummary(c *fiber.Ctx) error {
	in, f, err := s.reportQuery(c)
	if err != nil {
		return err
	}
	if f.Year == 0 {
		return &validationError{fields: requiredField("year")}
	}
	out := summaryOut{Survey: f.Survey, Year: f.Year}
	if f.Month != 0 {
		out.Month = &f.Month
	}
	n, err := s.db.CountFiltered(c.UserContext(), f)
	if err != nil {
		return err
	}
	if out.Suppressed, err = s.hidden(c, f, n); err != nil {
		return err
	}
	if !out.Suppressed {
		counts, err := s.db.CountAnswers(c.UserContext(), f)
		if err != nil {
			return err
		}
		out.N, out.Items = &n, report.Items(in, counts)
		out.Groups = report.GroupMeans(in, out.Items)
	}
	if c.Query("format") == "csv" {
		return s.summaryCSV(c, in.Items, out)
	}
	return c.JSON(out)
}
