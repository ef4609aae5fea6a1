package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// reportQuery reads the survey, the year (when required) and the filter
// of a report request; a wrong one is a 422 naming the field.
func (s *Server) reportQuery(c *fiber.Ctx, yearRequired bool) (*survey.Instrument, int, report.Filter, error) {
	var errs []survey.FieldError
	in := s.reg.Current(c.Query("survey"))
	if in == nil {
		errs = append(errs, survey.FieldError{Field: "survey", Code: survey.CodeUnknownSurvey})
	}
	year := 0
	if v := c.Query("year"); v != "" || yearRequired {
		y, err := strconv.Atoi(v)
		switch {
		case v == "":
			errs = append(errs, survey.FieldError{Field: "year", Code: survey.CodeRequired})
		case err != nil || y < 2000 || y > 2100:
			errs = append(errs, survey.FieldError{Field: "year", Code: survey.CodeOutOfRange})
		}
		year = y
	}
	f := report.Filter{By: map[report.Dim]string{}}
	if m := c.Query("month"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n < 1 || n > 12 {
			errs = append(errs, survey.FieldError{Field: "month", Code: survey.CodeOutOfRange})
		}
		f.Month = n
	}
	for _, d := range report.Dims[1:] {
		if v := c.Query(d.String()); v != "" {
			if d == report.Card {
				v = strings.ToUpper(v)
			}
			f.By[d] = strings.Clone(v)
		}
	}
	errs = append(errs, report.CheckFilter(f)...)
	if errs != nil {
		return nil, 0, f, &validationError{fields: errs}
	}
	return in, year, f, nil
}

// fieldErrors is a 422 for the model's field errors, or nil.
func fieldErrors(errs []survey.FieldError) error {
	if errs == nil {
		return nil
	}
	return &validationError{fields: errs}
}
