package server

import (
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// reportCompare answers a survey's items year by year, with the change
// from the previous year and a Mann–Whitney U test of it.
func (s *Server) reportCompare(c *fiber.Ctx) error {
	in, _, f, err := s.reportQuery(c, false)
	if err != nil {
		return err
	}
	var years []*report.Year
	var numbers []int
	for _, v := range strings.Split(c.Query("years"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 2000 || n > 2100 || len(years) >= 20 {
			return &validationError{fields: []survey.FieldError{{Field: "years", Code: survey.CodeOutOfRange}}}
		}
		y, err := s.src.Load(c.UserContext(), in.Key, n, report.NoRows)
		if err != nil {
			return err
		}
		years, numbers = append(years, y), append(numbers, n)
	}
	items, errs := report.Compare(s.reg, years, f)
	if errs != nil {
		return fieldErrors(errs)
	}
	if c.Query("format") == "csv" {
		return s.sendCSV(c, "palaute-compare", func(w io.Writer, excel bool, l report.Labels) error {
			return report.CompareCSV(w, excel, l, in, years[0].ClosedItems(), items)
		})
	}
	out := fiber.Map{"survey": in.Key, "years": numbers, "items": items, "month": nil}
	if f.Month != 0 {
		out["month"] = f.Month
	}
	return c.JSON(out)
}
