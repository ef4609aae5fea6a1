package server

import (
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// reportNationalCSV answers the national export of a year: for every
// survey with 0–10 or five-point items (or the one ?survey= names), one
// row per month, unit and item, only as the disclosure rules release them
// (report.NationalCSV). It takes the flavours of the other CSVs, ?lang=
// and ?excel=1, and is audited like every export.
//
//	/reports/national.csv?year=Y[&survey=K][&lang=fi|sv|en][&excel=1]
func (s *Server) reportNationalCSV(c *fiber.Ctx) error {
	var errs []survey.FieldError
	year, err := strconv.Atoi(c.Query("year"))
	switch {
	case c.Query("year") == "":
		errs = append(errs, survey.FieldError{Field: "year", Code: survey.CodeRequired})
	case err != nil || year < 2000 || year > 2100:
		errs = append(errs, survey.FieldError{Field: "year", Code: survey.CodeOutOfRange})
	}
	var surveys []*survey.Instrument
	if key := c.Query("survey"); key != "" {
		in := s.reg.Current(key)
		if in == nil {
			errs = append(errs, survey.FieldError{Field: "survey", Code: survey.CodeUnknownSurvey})
		}
		surveys = append(surveys, in)
	} else {
		for _, in := range s.reg.List() {
			if len(report.NationalItems(in)) > 0 {
				surveys = append(surveys, in)
			}
		}
	}
	if lang := c.Query("lang"); lang != "" && !survey.ValidLanguage(lang) {
		errs = append(errs, survey.FieldError{Field: "lang", Code: survey.CodeUnknownLanguage})
	}
	if errs != nil {
		return &validationError{fields: errs}
	}
	var years []*report.Year
	var keys []string
	for _, in := range surveys {
		y, err := s.src.Load(c.UserContext(), in.Key, year, report.NoRows)
		if err != nil {
			return err
		}
		years, keys = append(years, y), append(keys, in.Key)
	}
	if err := s.auditStrict(c, readerName(c), "report.national", strings.Join(keys, ",")+" "+strconv.Itoa(year)); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.sendCSV(c, "palaute-national-"+strconv.Itoa(year), func(w io.Writer, excel bool, l report.Labels) error {
		return report.NationalCSV(w, excel, l, years)
	})
}
