package server

import (
	"io"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/printing"
)

// surveyFormShow answers a survey (?survey=, the first annual one without
// it) as an A4 form to print, in fi or sv; an annual survey with its
// period on it.
func (s *Server) surveyFormShow(c *fiber.Ctx) error {
	in := s.reg.Current(c.Query("survey"))
	for _, cand := range s.reg.List() {
		if in == nil && cand.Annual {
			in = cand
		}
	}
	if in == nil {
		return fiber.ErrNotFound
	}
	form, err := printing.NewSurveyForm(in, c.Query("lang", "fi"), s.kiosk.PeriodOf(in), s.cat)
	if err != nil {
		return fiber.NewError(fiber.StatusUnprocessableEntity, err.Error())
	}
	return s.sendPrintPage(c, func(w io.Writer, css string) error { return printing.RenderSurveyForm(w, form, false, css) })
}
