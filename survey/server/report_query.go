package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// reportQuery reads survey, year, month and the breakdown filters of a
// report request; a wrong one is a 422 naming the field.
func (s *Server) reportQuery(c *fiber.Ctx) (*survey.Instrument, store.Filter, error) {
	var f store.Filter
	var errs []survey.FieldError
	in := s.reg.Current(c.Query("survey"))
	if in == nil {
		errs = append(errs, survey.FieldError{Field: "survey", Code: survey.CodeUnknownSurvey})
	} else {
		f.Survey = in.Key
	}
	if c.Query("year") != "" {
		y, err := strconv.Atoi(c.Query("year"))
		if err != nil || y < 2000 || y > 2100 {
			errs = append(errs, survey.FieldError{Field: "year", Code: survey.CodeOutOfRange})
		}
		f.Year = y
	}
	if m := c.Query("month"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n < 1 || n > 12 {
			errs = append(errs, survey.FieldError{Field: "month", Code: survey.CodeOutOfRange})
		}
		f.Month = n
	}
	f.Card = strings.ToUpper(strings.Clone(c.Query("card")))
	f.Unit = strings.Clone(c.Query("unit"))
	f.Channel = strings.Clone(c.Query("channel"))
	if f.Channel != "" && f.Channel != survey.ChannelKiosk && f.Channel != survey.ChannelPaper && f.Channel != survey.ChannelWeb {
		errs = append(errs, survey.FieldError{Field: "channel", Code: survey.CodeUnknownChannel})
	}
	f.Lang = strings.Clone(c.Query("lang_filter", c.Query("language")))
	if f.Lang != "" && !survey.ValidLanguage(f.Lang) {
		errs = append(errs, survey.FieldError{Field: "language", Code: survey.CodeUnknownLanguage})
	}
	f.Gender = strings.Clone(c.Query("gender"))
	if f.Gender != "" && in != nil {
		if it, ok := in.Item("gender"); !ok || !it.HasOption(f.Gender) {
			errs = append(errs, survey.FieldError{Field: "gender", Code: survey.CodeUnknownOption})
		}
	}
	f.Age = strings.Clone(c.Query("age"))
	if _, ok := store.FindBand(store.AgeBands, f.Age); f.Age != "" && !ok {
		errs = append(errs, survey.FieldError{Field: "age", Code: survey.CodeUnknownOption})
	}
	f.ClientTime = strings.Clone(c.Query("client_time"))
	if _, ok := store.FindBand(store.ClientBands, f.ClientTime); f.ClientTime != "" && !ok {
		errs = append(errs, survey.FieldError{Field: "client_time", Code: survey.CodeUnknownOption})
	}
	if errs != nil {
		return nil, f, &validationError{fields: errs}
	}
	return in, f, nil
}

// hidden reports whether the anonymity threshold hides the filtered
// responses: too few of them, or a breakdown group that the threshold, or
// the protection against working it out by subtraction, hides.
func (s *Server) hidden(c *fiber.Ctx, f store.Filter, n int) (bool, error) {
	if n < s.threshold {
		return true, nil
	}
	for _, b := range []struct{ dim, value string }{{store.ByCard, f.Card}, {store.ByUnit, f.Unit}, {store.ByChannel, f.Channel}} {
		if b.value == "" {
			continue
		}
		base := f
		switch b.dim {
		case store.ByCard:
			base.Card = ""
		case store.ByUnit:
			base.Unit = ""
		case store.ByChannel:
			base.Channel = ""
		}
		groups, err := s.db.CountResponsesBy(c.UserContext(), base, b.dim)
		if err != nil {
			return false, err
		}
		if suppressed(groups, s.threshold)[b.value] {
			return true, nil
		}
	}
	return false, nil
}
